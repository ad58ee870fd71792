//! Notifications: the messages the site sends (booking confirmation, promotion from the
//! waitlist, reminder, change, cancellation, password reset), queued in an outbox table
//! in the same transaction as the change they announce, and sent by a background worker
//! (server/src/mail.rs). Server-side only.
pub mod model;
pub mod store;
