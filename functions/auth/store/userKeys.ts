/** Key of a user's item in the `users` table (the band store updates its band count there). */
export const userItemKey = (userId: string) => ({ pk: `USER#${userId}` });

// A second item per user claims the email, so that two racing first sign-ins cannot create two users.
/** Key of the item that claims an email for one user. */
export const emailClaimKey = (email: string) => ({ pk: `EMAIL#${email}` });
