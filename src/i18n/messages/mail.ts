// E-mail: the messages the chaton sends (src/mail/templates.tsx), the "forgot password" pages, the e-mail
// address of an account, the invitation by e-mail, and the dashboard's line about e-mail.
export const fr = {
  'mail.subject': '{name} : {subject}',
  'mail.signature': '— {name}, {url}',
  'mail.why': 'Vous recevez ce message parce que votre adresse est donnée sur {url}. Si vous ne vous y attendiez pas, ignorez-le.',

  'mail.reset.subject': 'choisir un nouveau mot de passe',
  'mail.reset.hello': 'Bonjour {username},',
  'mail.reset.text': 'Quelqu’un (sans doute vous) a demandé à changer le mot de passe du compte « {username} ». Pour en choisir un nouveau, ouvrez ce lien. Il ne sert qu’une fois et reste valable {hours, plural, one {# heure} other {# heures}}.',
  'mail.reset.action': 'Choisir un nouveau mot de passe',
  'mail.reset.ignore': 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',

  'mail.invitation.subject': 'vous êtes invité·e',
  'mail.invitation.text': '{inviter} vous invite à créer un compte sur {name}. Ce lien ne sert qu’une fois et reste valable jusqu’au {date}.',
  'mail.invitation.action': 'Créer mon compte',

  'mail.signup.subject': 'un compte attend d’être accepté',
  'mail.signup.text': 'Le compte « {username} » vient d’être créé et attend d’être accepté par l’équipe. Tant qu’il ne l’est pas, les services réservés aux membres lui restent fermés.',
  'mail.signup.action': 'Voir les comptes',

  'mail.test.subject': 'courriel d’essai',
  'mail.test.text': 'Ce courriel d’essai vient de la commande « chaton mail test » : l’envoi de courriels fonctionne.',

  'mail.forgot.link': 'Mot de passe oublié ?',
  'mail.forgot.title': 'Mot de passe oublié',
  'mail.forgot.intro': 'Donnez l’adresse électronique de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.',
  'mail.forgot.field': 'Adresse électronique',
  'mail.forgot.submit': 'Recevoir un lien',
  'mail.forgot.sent': 'Si un compte a l’adresse {email}, un lien pour choisir un nouveau mot de passe vient d’y être envoyé. Il reste valable {hours, plural, one {# heure} other {# heures}}. Pensez à regarder dans les indésirables.',
  'mail.forgot.noAddress': 'Sans adresse électronique sur votre compte, demandez à l’équipe du chaton un lien pour choisir un nouveau mot de passe.',
  'mail.forgot.off': 'Ce chaton n’envoie pas de courriels : demandez à son équipe un lien pour choisir un nouveau mot de passe.',
  'mail.forgot.back': 'Retour à la connexion',
  'mail.form.email': 'Cette adresse électronique n’est pas valable. Vérifiez-la (par exemple nom@exemple.org).',

  'mail.account.title': 'Adresse électronique',
  'mail.account.none': 'Aucune adresse électronique.',
  'mail.account.current': 'Adresse : {email}',
  'mail.account.hint': 'Facultative. Elle sert seulement à vous envoyer un lien si vous oubliez votre mot de passe (et, pour l’équipe, les comptes à accepter). Laissez vide pour l’effacer.',
  'mail.account.hintOff': 'Facultative. Ce chaton n’envoie pas de courriels pour l’instant ; elle servira s’il le fait un jour.',
  'mail.account.submit': 'Enregistrer l’adresse',
  'mail.account.saved': 'Votre adresse électronique est enregistrée.',

  'mail.invitations.email': 'Adresse électronique de la personne',
  'mail.invitations.emailHint': 'Facultative : l’invitation lui sera envoyée par courriel.',
  'mail.invitations.lang': 'Langue du courriel',
  'mail.invitations.queued': 'L’invitation part par courriel à {email}. Le lien reste affiché ci-dessous si vous préférez le transmettre vous-même.',

  'mail.dashboard.off': 'Courriels : non configurés',
  'mail.dashboard.state': 'Courriels : {waiting, plural, one {# en attente} other {# en attente}}, {failed, plural, one {# abandonné} other {# abandonnés}}',
};

export const en: Record<keyof typeof fr, string> = {
  'mail.subject': '{name}: {subject}',
  'mail.signature': '— {name}, {url}',
  'mail.why': 'You receive this message because your address was given on {url}. If you did not expect it, ignore it.',

  'mail.reset.subject': 'choose a new password',
  'mail.reset.hello': 'Hello {username},',
  'mail.reset.text': 'Someone (probably you) asked to change the password of the account “{username}”. To choose a new one, open this link. It works once and stays valid for {hours, plural, one {# hour} other {# hours}}.',
  'mail.reset.action': 'Choose a new password',
  'mail.reset.ignore': 'If you did not ask for anything, ignore this message: your password does not change.',

  'mail.invitation.subject': 'you are invited',
  'mail.invitation.text': '{inviter} invites you to create an account on {name}. This link works once and stays valid until {date}.',
  'mail.invitation.action': 'Create my account',

  'mail.signup.subject': 'an account is waiting for admission',
  'mail.signup.text': 'The account “{username}” has just been created and is waiting to be admitted by the team. Until then, services for members stay closed to it.',
  'mail.signup.action': 'See the accounts',

  'mail.test.subject': 'test e-mail',
  'mail.test.text': 'This test e-mail comes from the command “chaton mail test”: sending e-mail works.',

  'mail.forgot.link': 'Forgot your password?',
  'mail.forgot.title': 'Forgotten password',
  'mail.forgot.intro': 'Give the e-mail address of your account: we will send a link there to choose a new password.',
  'mail.forgot.field': 'E-mail address',
  'mail.forgot.submit': 'Send me a link',
  'mail.forgot.sent': 'If an account has the address {email}, a link to choose a new password has just been sent there. It stays valid for {hours, plural, one {# hour} other {# hours}}. Check your spam folder too.',
  'mail.forgot.noAddress': 'If your account has no e-mail address, ask the chaton’s team for a link to choose a new password.',
  'mail.forgot.off': 'This chaton sends no e-mail: ask its team for a link to choose a new password.',
  'mail.forgot.back': 'Back to logging in',
  'mail.form.email': 'This e-mail address is not valid. Check it (for example name@example.org).',

  'mail.account.title': 'E-mail address',
  'mail.account.none': 'No e-mail address.',
  'mail.account.current': 'Address: {email}',
  'mail.account.hint': 'Optional. It is only used to send you a link if you forget your password (and, for the team, accounts to admit). Leave empty to erase it.',
  'mail.account.hintOff': 'Optional. This chaton sends no e-mail for now; it will be used if it ever does.',
  'mail.account.submit': 'Save the address',
  'mail.account.saved': 'Your e-mail address is saved.',

  'mail.invitations.email': 'The person’s e-mail address',
  'mail.invitations.emailHint': 'Optional: the invitation will be sent to them by e-mail.',
  'mail.invitations.lang': 'Language of the e-mail',
  'mail.invitations.queued': 'The invitation is on its way by e-mail to {email}. The link stays shown below if you prefer to hand it over yourself.',

  'mail.dashboard.off': 'E-mail: not configured',
  'mail.dashboard.state': 'E-mail: {waiting, plural, one {# waiting} other {# waiting}}, {failed, plural, one {# given up} other {# given up}}',
};
