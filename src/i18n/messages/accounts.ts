// Accounts: setup, login, signup, invitations, resets, my account, members and groups admin.
export const fr = {
};

export const en: Record<keyof typeof fr, string> = {
};
