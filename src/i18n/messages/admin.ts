// Admin: dashboard, services and openings, audit log.
export const fr = {
};

export const en: Record<keyof typeof fr, string> = {
};
