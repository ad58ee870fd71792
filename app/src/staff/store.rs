//! Staff queries of the [`Store`]: organisations, accounts, the audit log and the
//! per-account login throttle.
use super::model::{OrganisationKind, Role, StaffMember};
use crate::{
    db::{Store, StoreError},
    on_pool,
};

/// What a login needs to check: the account and its password hash.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub member: StaffMember,
    pub password_hash: String,
}

type StaffRow = (i64, String, String, String, i64, String, bool, bool, String);

const STAFF_SELECT: &str = "SELECT s.id, s.name, s.email, s.role, s.organisation_id, o.name,
        s.must_change_password, s.active, s.password_hash
 FROM staff s JOIN organisations o ON o.id = s.organisation_id";

fn credentials(row: StaffRow) -> Credentials {
    let (
        id,
        name,
        email,
        role,
        organisation_id,
        organisation_name,
        must_change_password,
        active,
        password_hash,
    ) = row;
    Credentials {
        member: StaffMember {
            id,
            name,
            email,
            role: Role::parse(&role).unwrap_or(Role::Trainer),
            organisation_id,
            organisation_name,
            must_change_password,
            active,
        },
        password_hash,
    }
}

impl Store {
    /// The organisation of that name, created if needed. Returns its id.
    pub async fn ensure_organisation(
        &self,
        name: &str,
        kind: OrganisationKind,
        now: i64,
    ) -> Result<i64, StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query(
                "INSERT INTO organisations (name, kind, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(name).bind(kind.code()).bind(now)
            .execute(pool).await?;
            let id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
                .bind(name).fetch_one(pool).await?;
            Ok(id)
        })
    }

    /// Creates an account. Returns `None` when the e-mail address is already used.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_staff(
        &self,
        organisation_id: i64,
        email: &str,
        name: &str,
        role: Role,
        password_hash: &str,
        must_change_password: bool,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        on_pool!(self.db(), pool => {
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO staff (organisation_id, email, name, role, password_hash, must_change_password, active, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)
                 ON CONFLICT (email) DO NOTHING
                 RETURNING id",
            )
            .bind(organisation_id).bind(email).bind(name).bind(role.code()).bind(password_hash)
            .bind(must_change_password).bind(now)
            .fetch_optional(pool).await?;
            Ok(id)
        })
    }

    /// An account and its password hash, by e-mail (already normalised).
    pub async fn staff_credentials(&self, email: &str) -> Result<Option<Credentials>, StoreError> {
        let row: Option<StaffRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!("{STAFF_SELECT} WHERE s.email = $1"))
                .bind(email).fetch_optional(pool).await?
        });
        Ok(row.map(credentials))
    }

    /// An account by id.
    pub async fn staff_member(&self, id: i64) -> Result<Option<StaffMember>, StoreError> {
        Ok(self.staff_account(id).await?.map(|c| c.member))
    }

    /// An account and its password hash, by id.
    pub async fn staff_account(&self, id: i64) -> Result<Option<Credentials>, StoreError> {
        let row: Option<StaffRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!("{STAFF_SELECT} WHERE s.id = $1"))
                .bind(id).fetch_optional(pool).await?
        });
        Ok(row.map(credentials))
    }

    /// Every account, by organisation then name.
    pub async fn list_staff(&self) -> Result<Vec<StaffMember>, StoreError> {
        let rows: Vec<StaffRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!("{STAFF_SELECT} ORDER BY o.name, s.name, s.id"))
                .fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(|r| credentials(r).member).collect())
    }

    /// Every organisation: (id, name, kind).
    pub async fn list_organisations(
        &self,
    ) -> Result<Vec<(i64, String, OrganisationKind)>, StoreError> {
        let rows: Vec<(i64, String, String)> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT id, name, kind FROM organisations ORDER BY kind, name")
                .fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, name, kind)| {
                (
                    id,
                    name,
                    OrganisationKind::parse(&kind).unwrap_or(OrganisationKind::Bank),
                )
            })
            .collect())
    }

    /// Creates an organisation; `None` when the name is taken.
    pub async fn create_organisation(
        &self,
        name: &str,
        kind: OrganisationKind,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar(
                "INSERT INTO organisations (name, kind, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (name) DO NOTHING RETURNING id",
            )
            .bind(name).bind(kind.code()).bind(now)
            .fetch_optional(pool).await?
        }))
    }

    /// The password hash of an account.
    pub async fn staff_password_hash(&self, id: i64) -> Result<Option<String>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT password_hash FROM staff WHERE id = $1")
                .bind(id).fetch_optional(pool).await?
        }))
    }

    /// Sets a new password hash; `must_change` is true for a temporary password.
    pub async fn set_staff_password(
        &self,
        id: i64,
        hash: &str,
        must_change: bool,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query("UPDATE staff SET password_hash = $2, must_change_password = $3 WHERE id = $1")
                .bind(id).bind(hash).bind(must_change)
                .execute(pool).await?;
        });
        Ok(())
    }

    /// Activates or deactivates an account (a deactivated account's sessions stop
    /// working at their next request: every request checks this flag).
    pub async fn set_staff_active(&self, id: i64, active: bool) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query("UPDATE staff SET active = $2 WHERE id = $1")
                .bind(id).bind(active)
                .execute(pool).await?;
        });
        Ok(())
    }

    /// Adds an entry to the audit log. `detail` never holds a password.
    pub async fn audit(
        &self,
        actor: Option<i64>,
        action: &str,
        detail: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query("INSERT INTO audit_log (at, actor_id, action, detail) VALUES ($1, $2, $3, $4)")
                .bind(now).bind(actor).bind(action).bind(detail)
                .execute(pool).await?;
        });
        Ok(())
    }

    /// The latest audit entries: (at, actor name, action, detail).
    pub async fn audit_entries(
        &self,
        limit: i64,
    ) -> Result<Vec<(i64, Option<String>, String, String)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT a.at, s.name, a.action, a.detail FROM audit_log a
                 LEFT JOIN staff s ON s.id = a.actor_id ORDER BY a.id DESC LIMIT $1",
            )
            .bind(limit).fetch_all(pool).await?
        }))
    }

    /// Failures so far on an account key and when the last one was.
    pub async fn login_failures(&self, account_key: &str) -> Result<(i64, i64), StoreError> {
        let row: Option<(i64, i64)> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT failures, last_failure_at FROM login_throttle WHERE account_key = $1")
                .bind(account_key).fetch_optional(pool).await?
        });
        Ok(row.unwrap_or((0, 0)))
    }

    /// Counts one failed login on an account key (one statement: safe across instances).
    pub async fn record_login_failure(
        &self,
        account_key: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query(
                "INSERT INTO login_throttle (account_key, failures, last_failure_at) VALUES ($1, 1, $2)
                 ON CONFLICT (account_key) DO UPDATE SET failures = login_throttle.failures + 1,
                                                          last_failure_at = excluded.last_failure_at",
            )
            .bind(account_key).bind(now)
            .execute(pool).await?;
        });
        Ok(())
    }

    /// Forgets the failures of an account key after a successful login.
    pub async fn clear_login_failures(&self, account_key: &str) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query("DELETE FROM login_throttle WHERE account_key = $1")
                .bind(account_key).execute(pool).await?;
        });
        Ok(())
    }
}

impl Store {
    /// Records a password reset link for an account (only its hash) valid until
    /// `expires_at`, and queues the e-mail carrying it, in one transaction.
    pub async fn start_password_reset(
        &self,
        staff_id: i64,
        token_hash: &str,
        link: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("INSERT INTO password_resets (token_hash, staff_id, expires_at) VALUES ($1, $2, $3)")
                .bind(token_hash).bind(staff_id).bind(expires_at)
                .execute(&mut *tx).await?;
            crate::queue_message!(
                tx,
                crate::notifications::model::Kind::PasswordReset,
                None::<i64>,
                Some(staff_id),
                link,
                now
            )?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The active account a reset link (by its hash) is for, while it is unused and
    /// not expired.
    pub async fn password_reset_account(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<StaffMember>, StoreError> {
        let id: Option<i64> = on_pool!(self.db(), pool => {
            sqlx::query_scalar(
                "SELECT staff_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
            )
            .bind(token_hash).bind(now).fetch_optional(pool).await?
        });
        match id {
            Some(id) => Ok(self.staff_member(id).await?.filter(|m| m.active)),
            None => Ok(None),
        }
    }

    /// Uses a reset link once: sets the new password (no change required at next
    /// login) and closes every other link of the account. False when the link was used
    /// or expired meanwhile.
    pub async fn finish_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let staff: Option<i64> = sqlx::query_scalar(
                "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING staff_id",
            )
            .bind(token_hash).bind(now).fetch_optional(&mut *tx).await?;
            let Some(staff) = staff else { return Ok(false) };
            sqlx::query("UPDATE staff SET password_hash = $2, must_change_password = FALSE WHERE id = $1")
                .bind(staff).bind(password_hash).execute(&mut *tx).await?;
            sqlx::query("UPDATE password_resets SET used_at = $2 WHERE staff_id = $1 AND used_at IS NULL")
                .bind(staff).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
