// Charters: pages, versions, differences, acceptance, their admin pages.
export const fr = {
};

export const en: Record<keyof typeof fr, string> = {
};
