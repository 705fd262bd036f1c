// SPDX-License-Identifier: AGPL-3.0-or-later
// The directory in the browser (every page works without it): the map of chatons, drawn over country
// outlines served by us (a tile server only when the config names one), with clustered markers; and
// the "near me" button of the list, which fills the form with the browser’s position; the towns
// suggested as one types in "Near"; the validator’s file picker.
import L from 'leaflet';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Point } from 'geojson';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import './directory.css';
import { townCombobox } from './town-combobox.js';

interface ChatonProps { slug: string; name: string; page: string; services: number; kinds: string[]; noSignup: boolean }

function nearMe(): void {
  const button = document.querySelector<HTMLButtonElement>('button.near-me');
  const form = button?.form;
  if (!button || !form || !('geolocation' in navigator)) return;
  button.hidden = false;
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'hint';
  button.after(status);
  button.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        (form.elements.namedItem('lat') as HTMLInputElement).value = pos.coords.latitude.toFixed(4);
        (form.elements.namedItem('lon') as HTMLInputElement).value = pos.coords.longitude.toFixed(4);
        (form.elements.namedItem('place') as HTMLInputElement).value = '';
        (form.elements.namedItem('town') as HTMLInputElement).value = '';
        form.submit();
      },
      () => {
        status.textContent = button.dataset.error ?? '';
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  });
}

async function drawMap(el: HTMLElement): Promise<void> {
  // leaflet.markercluster is a plugin that extends the global L.
  (window as unknown as { L: typeof L }).L = L;
  await import('leaflet.markercluster');
  const map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([46.6, 2.5], 5);
  map.attributionControl.setPrefix('');
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution ?? '', maxZoom: 18 }).addTo(map);
  } else {
    const topo = (await (await fetch(el.dataset.outlines ?? '')).json()) as Topology<{ countries: GeometryCollection }>;
    L.geoJSON(feature(topo, topo.objects.countries), { interactive: false, style: { color: '#8a8190', weight: 1, fillColor: '#efece6', fillOpacity: 1 } }).addTo(map);
    el.classList.add('offline');
  }
  const data = (await (await fetch(el.dataset.geojson ?? '')).json()) as FeatureCollection<Point, ChatonProps>;
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  const icon = L.divIcon({ className: 'dir-pin', iconSize: [18, 18] });
  const iconOpen = L.divIcon({ className: 'dir-pin no-signup', iconSize: [18, 18] });
  for (const f of data.features) {
    const [lon, lat] = f.geometry.coordinates;
    if (lat === undefined || lon === undefined) continue;
    const p = f.properties;
    const popup = document.createElement('div');
    const title = document.createElement('strong');
    title.textContent = p.name;
    const count = document.createElement('p');
    count.textContent = (el.dataset.services ?? '{n}').replace('{n}', String(p.services));
    const link = document.createElement('a');
    link.href = `/directory/c/${encodeURIComponent(p.slug)}`;
    link.textContent = el.dataset.more ?? p.name;
    popup.append(title, count, link);
    cluster.addLayer(L.marker([lat, lon], { icon: p.noSignup ? iconOpen : icon, title: p.name, alt: p.name }).bindPopup(popup));
  }
  map.addLayer(cluster);
  if (data.features.length) map.fitBounds(cluster.getBounds(), { maxZoom: 8, padding: [20, 20] });
  el.dataset.ready = String(data.features.length);
}

/** The validator's file picker: reads the chosen file into the text area (the server only gets text). */
function filePick(): void {
  const input = document.querySelector<HTMLInputElement>('.file-pick input[type=file]');
  const target = document.getElementById(input?.dataset.target ?? '') as HTMLTextAreaElement | null;
  if (!input || !target) return;
  (input.closest('.file-pick') as HTMLElement).hidden = false;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void file.text().then((text) => (target.value = text));
  });
}

nearMe();
townCombobox();
filePick();
const mapEl = document.getElementById('dir-map');
if (mapEl) void drawMap(mapEl);
