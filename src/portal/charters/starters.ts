// French starter texts offered on the admin form while nothing is published yet: short, honest charters
// inspired by the CHATONS charter, for the collective to reread and adapt before publishing.
import type { CharterKind } from '../../storage/schema.js';

const member = `## Qui sommes-nous ?

{name} est un collectif de bénévoles membre (ou candidat) du Collectif des Hébergeurs Alternatifs, Transparents, Ouverts, Neutres et Solidaires ([CHATONS](https://www.chatons.org)). Nous proposons des services en ligne respectueux de vos données, sur un serveur que nous louons et administrons nous-mêmes.

## Nos engagements

- **Logiciels libres uniquement.** Tous nos services fonctionnent avec des logiciels libres, que chacun peut étudier, copier et améliorer.
- **Ni publicité, ni pistage.** Aucune publicité, aucun profilage, aucun outil de mesure d’audience extérieur, aucune ressource chargée depuis un autre site.
- **Vos données restent les vôtres.** Nous ne les vendons pas, ne les louons pas et ne les transmettons à personne, sauf sur décision de justice. Vous pouvez à tout moment les récupérer et supprimer votre compte.
- **Durée de conservation annoncée.** Nous ne gardons vos données que le temps annoncé pour chaque service, puis nous les effaçons, sauvegardes comprises.
- **Transparence.** Nous publions nos comptes, nos choix techniques et l’état de nos services. Toute modification de cette charte donne une nouvelle version, datée, avec le résumé des changements ; vous l’acceptez avant de continuer à utiliser les services réservés aux membres.
- **Neutralité.** Nous ne lisons pas, ne trions pas et ne ralentissons pas vos contenus selon leur nature ou leur provenance.
- **Sécurité.** Les échanges avec nos services sont chiffrés et nous faisons des sauvegardes régulières. Nous sommes bénévoles : nous faisons de notre mieux, sans pouvoir garantir un service sans interruption.

## Vos engagements

- Respecter la loi et les autres personnes : pas de contenus illicites, haineux ou de harcèlement, pas de spam, pas d’attaque contre nos serveurs ni ceux des autres.
- Utiliser les services de façon raisonnable : les ressources sont partagées entre tous les membres.
- Garder votre mot de passe pour vous.

En cas de manquement, nous pouvons suspendre un compte, après vous avoir prévenu sauf urgence.

## Si un service ferme

Nous annonçons la fermeture d’un service au moins un mois à l’avance (sauf cas de force majeure). Pendant ce délai, vous pouvez récupérer vos données ; nous vous indiquons d’autres chatons qui proposent un service équivalent. Ensuite, les données sont effacées.
`;

const anonymous = `## Sans compte, mais pas sans règles

Certains services de {name} s’utilisent sans créer de compte et sans donner d’adresse électronique. Cette charte dit ce que nous faisons, et ce que nous attendons de vous.

## Ce que nous enregistrons

- Le contenu que vous déposez, le temps de sa durée de vie. Pour certains services, il est chiffré dans votre navigateur : nous ne pouvons pas le lire.
- Des journaux techniques minimaux, pour faire fonctionner et protéger le service. Votre adresse IP n’y est jamais enregistrée en clair : seule une empreinte, renouvelée chaque jour, sert à limiter les abus.
- Aucun cookie de pistage, aucune publicité, aucun outil de mesure d’audience extérieur. Vos données ne sont ni vendues ni transmises, sauf sur décision de justice.

## Durée de conservation

Chaque contenu a une durée de vie, affichée au moment où vous le créez. À son expiration, il est effacé. Conservez vous-même une copie de ce qui compte pour vous : sans compte, nous ne pouvons pas vous le rendre.

## Usages interdits

Pas de contenus illicites, haineux ou de harcèlement, pas de spam, pas d’hameçonnage ni de logiciels malveillants, pas d’utilisation qui épuise les ressources partagées. Nous supprimons les contenus abusifs qui nous sont signalés et pouvons bloquer temporairement les usages abusifs.

## Si un service ferme

Nous l’annonçons sur ce portail avant sa fermeture, sauf cas de force majeure ; les contenus encore présents sont ensuite effacés.
`;

const STARTERS: Record<CharterKind, string> = { member, anonymous };

export function starterText(kind: CharterKind, chatonName: string): string {
  return STARTERS[kind].replaceAll('{name}', chatonName);
}
