//! The server's configuration, read once at start-up from environment variables.
//! Every variable is documented in `.env.example`.
use std::{net::SocketAddr, path::PathBuf};
use thiserror::Error;

/// Where the site runs and what it connects to.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` (default, file under `data/`) or `postgres://…`.
    pub database_url: String,
    /// Address the HTTP server listens on.
    pub site_addr: SocketAddr,
    /// Folder of the modules and lessons imported at start-up.
    pub content_dir: PathBuf,
    /// Folder of the built site (wasm, CSS, static files) written by cargo-leptos.
    pub site_root: PathBuf,
    /// Name of the wasm and JS files cargo-leptos produced.
    pub output_name: String,
    /// Production mode: Secure cookies, HSTS, no default for anything sensitive.
    pub production: bool,
    /// The public address of the site (`https://reperes.example`), used to recognise
    /// same-origin form posts behind a reverse proxy.
    pub public_url: Option<String>,
    /// Behind a reverse proxy: take the client address from the last `X-Forwarded-For`
    /// entry (the one the proxy added) for rate limits.
    pub behind_proxy: bool,
    /// Keep finished public pages in memory for visitors without a session (see
    /// `render_cache.rs`); `REPERES_RENDER_CACHE=off` turns it off (benchmarks).
    pub render_cache: bool,
    /// On SQLite, commit sign-ups, quiz answers and sessions in groups (see
    /// `app::db::sqlite_writer`); `REPERES_GROUP_COMMIT=off` commits each on its own
    /// (benchmarks compare both).
    pub group_commit: bool,
    /// `smtp://host:port`, `smtp://user:password@host:587?tls=required` or
    /// `smtps://…`: where e-mail goes. Without it, messages are written to the log.
    pub smtp_url: Option<String>,
    /// The sender of e-mail (`Repères <ne-pas-repondre@example.fr>`).
    pub mail_from: String,
    /// Hours before a workshop inside which a freed seat waits for a coordinator.
    pub promotion_cutoff_hours: i64,
    /// Days after a workshop when names and contacts of its bookings are erased.
    pub contact_retention_days: i64,
    /// Minutes a trainer needs between two sessions in different places.
    pub travel_buffer_minutes: i64,
    /// Sign-ups without a staff account one client address may make in an hour
    /// (`REPERES_SIGNUP_LIMIT`, 0 for no limit), so that a script cannot take every
    /// seat of every workshop.
    pub signup_limit: i64,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{0} is not a valid address (expected for example 127.0.0.1:3000)")]
    BadAddress(String),
    #[error("REPERES_ENV must be development or production, not {0}")]
    BadEnv(String),
    #[error("{0} must be set when REPERES_ENV=production")]
    MissingInProduction(&'static str),
    #[error("REPERES_PUBLIC_URL must start with https:// in production")]
    InsecurePublicUrl,
    #[error("DATABASE_URL must start with sqlite: or postgres://")]
    BadDatabaseUrl,
    #[error("{0} must be a whole number between {1} and {2}")]
    BadNumber(&'static str, i64, i64),
}

impl Config {
    /// The rules pages and handlers apply.
    pub fn settings(&self) -> app::state::Settings {
        app::state::Settings {
            site_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", self.site_addr)),
            promotion_cutoff_secs: self.promotion_cutoff_hours * 3600,
            contact_retention_days: self.contact_retention_days,
            mail_enabled: self.smtp_url.is_some(),
            travel_buffer_secs: self.travel_buffer_minutes * 60,
            signup_limit_per_hour: self.signup_limit,
            secure_cookies: self.production,
        }
    }

    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_vars(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads the configuration from any variable source (tests pass a map).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let production = match var("REPERES_ENV").as_deref() {
            None | Some("development") => false,
            Some("production") => true,
            Some(other) => return Err(ConfigError::BadEnv(other.to_string())),
        };
        let database_url = match var("DATABASE_URL") {
            Some(url) => url,
            None if production => return Err(ConfigError::MissingInProduction("DATABASE_URL")),
            None => "sqlite://data/reperes.db".to_string(),
        };
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::BadDatabaseUrl);
        }
        let addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".to_string());
        let site_addr = addr.parse().map_err(|_| ConfigError::BadAddress(addr))?;
        let public_url = var("REPERES_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string());
        if production {
            match &public_url {
                None => return Err(ConfigError::MissingInProduction("REPERES_PUBLIC_URL")),
                Some(url) if !url.starts_with("https://") => {
                    return Err(ConfigError::InsecurePublicUrl)
                }
                Some(_) => {}
            }
        }
        let number = |name: &'static str, default: i64, min: i64, max: i64| match var(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or(ConfigError::BadNumber(name, min, max)),
        };
        let smtp_url = var("REPERES_SMTP_URL");
        let mail_from = match var("REPERES_MAIL_FROM") {
            Some(from) => from,
            None if production && smtp_url.is_some() => {
                return Err(ConfigError::MissingInProduction("REPERES_MAIL_FROM"))
            }
            None => "Repères <ne-pas-repondre@reperes.localhost>".to_string(),
        };
        Ok(Config {
            promotion_cutoff_hours: number("REPERES_PROMOTION_CUTOFF_HOURS", 24, 0, 24 * 14)?,
            contact_retention_days: number("REPERES_CONTACT_RETENTION_DAYS", 30, 1, 365)?,
            travel_buffer_minutes: number("REPERES_TRAVEL_BUFFER_MINUTES", 30, 0, 240)?,
            signup_limit: number("REPERES_SIGNUP_LIMIT", 30, 0, 1_000_000)?,
            smtp_url,
            mail_from,
            database_url,
            site_addr,
            content_dir: var("REPERES_CONTENT_DIR")
                .unwrap_or_else(|| "content".into())
                .into(),
            site_root: var("LEPTOS_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            output_name: var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| "reperes".into()),
            production,
            public_url,
            behind_proxy: matches!(var("REPERES_BEHIND_PROXY").as_deref(), Some("1" | "true")),
            render_cache: !matches!(var("REPERES_RENDER_CACHE").as_deref(), Some("off" | "0")),
            group_commit: !matches!(var("REPERES_GROUP_COMMIT").as_deref(), Some("off" | "0")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_vars(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_run_the_site_locally_on_sqlite() {
        let c = from(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://data/reperes.db");
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.content_dir, PathBuf::from("content"));
        assert!(!c.production);
    }

    #[test]
    fn production_has_no_default_for_the_database_or_public_url() {
        assert_eq!(
            from(&[("REPERES_ENV", "production")]).unwrap_err(),
            ConfigError::MissingInProduction("DATABASE_URL")
        );
        assert_eq!(
            from(&[
                ("REPERES_ENV", "production"),
                ("DATABASE_URL", "postgres://db/x")
            ])
            .unwrap_err(),
            ConfigError::MissingInProduction("REPERES_PUBLIC_URL")
        );
        assert_eq!(
            from(&[
                ("REPERES_ENV", "production"),
                ("DATABASE_URL", "postgres://db/x"),
                ("REPERES_PUBLIC_URL", "http://x")
            ])
            .unwrap_err(),
            ConfigError::InsecurePublicUrl
        );
        let c = from(&[
            ("REPERES_ENV", "production"),
            ("DATABASE_URL", "postgres://db/x"),
            ("REPERES_PUBLIC_URL", "https://x.fr/"),
        ])
        .unwrap();
        assert!(c.production);
        assert_eq!(c.public_url.as_deref(), Some("https://x.fr"));
    }

    #[test]
    fn bad_values_are_named() {
        assert_eq!(
            from(&[("LEPTOS_SITE_ADDR", "nowhere")]).unwrap_err(),
            ConfigError::BadAddress("nowhere".into())
        );
        assert_eq!(
            from(&[("REPERES_ENV", "prod")]).unwrap_err(),
            ConfigError::BadEnv("prod".into())
        );
        assert_eq!(
            from(&[("DATABASE_URL", "mysql://x")]).unwrap_err(),
            ConfigError::BadDatabaseUrl
        );
        assert_eq!(
            from(&[("REPERES_CONTACT_RETENTION_DAYS", "0")]).unwrap_err(),
            ConfigError::BadNumber("REPERES_CONTACT_RETENTION_DAYS", 1, 365)
        );
        let c = from(&[("REPERES_PROMOTION_CUTOFF_HOURS", "48")]).unwrap();
        assert_eq!(
            (c.promotion_cutoff_hours, c.contact_retention_days),
            (48, 30)
        );
    }
}
