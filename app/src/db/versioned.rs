//! Values built from public content (a quiz decoded from its lessons, say), kept in
//! memory while the content version (see [`super::Store::content_version`]) stays the
//! same, and dropped all at once when it changes.
//!
//! The version is read from the database by the caller before the content: a value is
//! then filed under a version at most as recent as the content it was built from, so
//! that a change committed meanwhile (on this instance or another) is never hidden
//! behind an old version number; at worst the value is built once more.
//!
//! The caller need not read the version for every request: [`RecentVersion`] keeps the
//! one it last read, which stands for a short while, so that content changed by a
//! trainer shows in at most that while (the quizzes and the render cache of pages both
//! read it that way; the render cache also reads it again after each write it serves).
use std::{
    collections::HashMap,
    future::Future,
    hash::Hash,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

/// The content version as last read from the database, and when: it stands for the
/// caller's while, unless marked stale meanwhile ([`RecentVersion::stale`]).
#[derive(Debug)]
pub struct RecentVersion {
    checked: Mutex<Option<(i64, Instant)>>,
    stale: AtomicBool,
}

impl Default for RecentVersion {
    fn default() -> Self {
        RecentVersion {
            checked: Mutex::new(None),
            stale: AtomicBool::new(true),
        }
    }
}

impl RecentVersion {
    /// The version read less than `within` ago and not marked stale since, or the one
    /// `read` gives (then kept). When `read` fails, the next caller reads again.
    pub async fn get_or_read<E>(
        &self,
        within: Duration,
        read: impl Future<Output = Result<i64, E>>,
    ) -> Result<i64, E> {
        if !self.stale.load(Ordering::Acquire) {
            if let Some(version) = self.recent(within) {
                return Ok(version);
            }
        }
        // Cleared before reading: a mark set while the read runs holds for the next caller.
        self.stale.store(false, Ordering::Release);
        match read.await {
            Ok(version) => {
                self.checked(version);
                Ok(version)
            }
            Err(error) => {
                self.stale.store(true, Ordering::Release);
                Err(error)
            }
        }
    }

    /// The next caller reads the version again (a write may have changed the content).
    pub fn stale(&self) {
        self.stale.store(true, Ordering::Release);
    }

    fn recent(&self, within: Duration) -> Option<i64> {
        let checked = self.lock();
        checked
            .filter(|(_, at)| at.elapsed() < within)
            .map(|(version, _)| version)
    }

    /// Remembers `version`, just read (never going back to an older one read by a
    /// slower request).
    fn checked(&self, version: i64) {
        let mut checked = self.lock();
        let newest = checked.map_or(version, |(seen, _)| seen.max(version));
        *checked = Some((newest, Instant::now()));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(i64, Instant)>> {
        // The critical sections cannot panic half-way (a copy, an assignment).
        self.checked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Values of type `V` by key, for one content version at a time.
#[derive(Debug)]
pub struct VersionedCache<K, V> {
    inner: Mutex<Kept<K, V>>,
}

#[derive(Debug)]
struct Kept<K, V> {
    version: i64,
    values: HashMap<K, Arc<V>>,
}

impl<K: Eq + Hash + Clone, V> Default for VersionedCache<K, V> {
    fn default() -> Self {
        VersionedCache {
            inner: Mutex::new(Kept {
                version: i64::MIN,
                values: HashMap::new(),
            }),
        }
    }
}

impl<K: Eq + Hash + Clone, V> VersionedCache<K, V> {
    /// The value kept for `key` at content `version`, if any.
    pub fn get(&self, version: i64, key: &K) -> Option<Arc<V>> {
        let kept = self.lock();
        if kept.version != version {
            return None;
        }
        kept.values.get(key).cloned()
    }

    /// Keeps `value` for `key`, built from content at `version` or later. A value of an
    /// older version than the one kept is not kept; a newer version drops the others.
    pub fn put(&self, version: i64, key: K, value: Arc<V>) {
        let mut kept = self.lock();
        if version < kept.version {
            return;
        }
        if version > kept.version {
            kept.version = version;
            kept.values.clear();
        }
        kept.values.insert(key, value);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept<K, V>> {
        // The critical sections cannot panic half-way (map insert, lookup, clear).
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_for_its_version_only() {
        let cache = VersionedCache::<&str, u32>::default();
        assert_eq!(cache.get(1, &"quiz"), None);
        cache.put(1, "quiz", Arc::new(10));
        assert_eq!(cache.get(1, &"quiz").as_deref(), Some(&10));
        assert_eq!(cache.get(2, &"quiz"), None, "content changed since");
        assert_eq!(cache.get(1, &"other"), None);
    }

    #[test]
    fn a_newer_version_drops_the_older_values_and_an_older_one_is_not_kept() {
        let cache = VersionedCache::<&str, u32>::default();
        cache.put(3, "a", Arc::new(1));
        cache.put(4, "b", Arc::new(2));
        assert_eq!(cache.get(4, &"a"), None, "dropped with version 3");
        assert_eq!(cache.get(4, &"b").as_deref(), Some(&2));
        // Built from content read before version 4 was seen: not kept.
        cache.put(3, "a", Arc::new(1));
        assert_eq!(cache.get(3, &"a"), None);
        assert_eq!(cache.get(4, &"a"), None);
    }

    /// Reads through `recent`, counting the reads; `Err` when `fails`.
    async fn read(
        recent: &RecentVersion,
        within: Duration,
        version: i64,
        reads: &mut u32,
        fails: bool,
    ) -> Result<i64, ()> {
        recent
            .get_or_read(within, async {
                *reads += 1;
                if fails {
                    Err(())
                } else {
                    Ok(version)
                }
            })
            .await
    }

    #[tokio::test]
    async fn the_version_read_last_stands_for_a_while_unless_marked_stale() {
        let recent = RecentVersion::default();
        let second = Duration::from_secs(1);
        let mut reads = 0;
        assert_eq!(read(&recent, second, 5, &mut reads, false).await, Ok(5));
        assert_eq!(
            read(&recent, second, 6, &mut reads, false).await,
            Ok(5),
            "still standing"
        );
        assert_eq!(reads, 1);
        assert_eq!(
            read(&recent, Duration::ZERO, 6, &mut reads, false).await,
            Ok(6),
            "too old"
        );
        assert_eq!(reads, 2);
        // A slower request that read an older version does not take it back.
        assert_eq!(
            read(&recent, Duration::ZERO, 4, &mut reads, false).await,
            Ok(4)
        );
        assert_eq!(read(&recent, second, 9, &mut reads, false).await, Ok(6));
        // Marked stale (a write): read again at once.
        recent.stale();
        assert_eq!(read(&recent, second, 7, &mut reads, false).await, Ok(7));
        assert_eq!(reads, 4);
        // A failed read is not kept: the next caller reads again.
        recent.stale();
        assert_eq!(read(&recent, second, 8, &mut reads, true).await, Err(()));
        assert_eq!(read(&recent, second, 8, &mut reads, false).await, Ok(8));
        assert_eq!(reads, 6);
        assert_eq!(read(&recent, second, 9, &mut reads, false).await, Ok(8));
    }
}
