//! Values built from public content (a quiz decoded from its lessons, say), kept in
//! memory while the content version (see [`super::Store::content_version`]) stays the
//! same, and dropped all at once when it changes.
//!
//! The version is read from the database by the caller before the content: a value is
//! then filed under a version at most as recent as the content it was built from, so
//! that a change committed meanwhile (on this instance or another) is never hidden
//! behind an old version number; at worst the value is built once more.
//!
//! The caller need not read the version for every request: the version it last read
//! is remembered ([`VersionedCache::checked`]) and can stand for a short while
//! ([`VersionedCache::recent_version`]), so that content changed by a trainer shows
//! in at most that while (the render cache of pages waits as long).
use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// Values of type `V` by key, for one content version at a time.
#[derive(Debug)]
pub struct VersionedCache<K, V> {
    inner: Mutex<Kept<K, V>>,
}

#[derive(Debug)]
struct Kept<K, V> {
    version: i64,
    values: HashMap<K, Arc<V>>,
    /// The version last read from the database, and when.
    checked: Option<(i64, Instant)>,
}

impl<K: Eq + Hash + Clone, V> Default for VersionedCache<K, V> {
    fn default() -> Self {
        VersionedCache {
            inner: Mutex::new(Kept {
                version: i64::MIN,
                values: HashMap::new(),
                checked: None,
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

    /// The version last read from the database, if it was read less than `within` ago.
    pub fn recent_version(&self, within: Duration) -> Option<i64> {
        let kept = self.lock();
        kept.checked
            .filter(|(_, at)| at.elapsed() < within)
            .map(|(version, _)| version)
    }

    /// Remembers `version`, just read from the database (never going back to an older
    /// one read by a slower request).
    pub fn checked(&self, version: i64) {
        let mut kept = self.lock();
        let newest = kept.checked.map_or(version, |(seen, _)| seen.max(version));
        kept.checked = Some((newest, Instant::now()));
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

    #[test]
    fn the_version_read_last_stands_for_a_while_only() {
        let cache = VersionedCache::<&str, u32>::default();
        assert_eq!(cache.recent_version(Duration::from_secs(1)), None);
        cache.checked(5);
        assert_eq!(cache.recent_version(Duration::from_secs(1)), Some(5));
        assert_eq!(cache.recent_version(Duration::ZERO), None, "too old");
        // A slower request that read an older version does not take it back.
        cache.checked(4);
        assert_eq!(cache.recent_version(Duration::from_secs(1)), Some(5));
        cache.checked(6);
        assert_eq!(cache.recent_version(Duration::from_secs(1)), Some(6));
    }
}
