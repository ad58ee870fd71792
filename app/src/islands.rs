//! The data an island needs from its page, handed over without props.
//!
//! Leptos gives an island's props to the browser as JSON, and a JSON decoder in the wasm
//! bundle costs more than the budget allows (its error messages alone pull in the float
//! formatting code, about 14 KB). So the islands of Repères take no props, only
//! server-rendered children. The page puts the texts an island needs in a hidden element
//! just before it, as strings separated by U+001F, and provides them as context for the
//! island's server render; in the browser the island reads that element. There is one
//! island of a kind per page, found by the element's id.
use leptos::prelude::*;

/// Separates the texts in the element's attribute. Removed from the texts themselves (a
/// control character nobody types on purpose): the island shows what the server wrote.
const SEPARATOR: char = '\u{1f}';

/// What an island of one kind needs, as a list of texts.
pub trait IslandData: Clone + Default + Send + Sync + 'static {
    /// The id of the hidden element that carries the data.
    const ID: &'static str;

    fn to_texts(&self) -> Vec<String>;

    /// The data back from its texts; missing texts read as empty.
    fn from_texts(texts: Vec<String>) -> Self;
}

/// [`IslandData`] for a struct of texts only, in the order of its fields.
#[macro_export]
macro_rules! island_texts {
    ($name:ident = $id:literal { $($field:ident),+ $(,)? }) => {
        $crate::texts_as_list!($name { $($field),+ });

        impl $crate::islands::IslandData for $name {
            const ID: &'static str = $id;

            fn to_texts(&self) -> Vec<String> {
                self.clone().into()
            }

            fn from_texts(texts: Vec<String>) -> Self {
                texts.into()
            }
        }
    };
}

/// The hidden element carrying `data` for its island, to be placed before the island
/// (which also finds the data in context while the server renders it).
pub fn island_data<T: IslandData>(data: T) -> impl IntoView {
    let texts = encode(&data.to_texts());
    provide_context(data);
    view! { <div hidden id=T::ID data-island=texts></div> }
}

/// In an island's body: its data, from context on the server and from the page in the
/// browser (the default, an empty form, if the element is missing).
pub fn use_island_data<T: IslandData>() -> T {
    #[cfg(feature = "hydrate")]
    {
        document()
            .get_element_by_id(T::ID)
            .and_then(|element| element.get_attribute("data-island"))
            .map(|texts| T::from_texts(decode(&texts)))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        use_context::<T>().unwrap_or_default()
    }
}

fn encode(texts: &[String]) -> String {
    texts
        .iter()
        .map(|text| text.replace(SEPARATOR, " "))
        .collect::<Vec<_>>()
        .join(&SEPARATOR.to_string())
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn decode(texts: &str) -> Vec<String> {
    texts.split(SEPARATOR).map(str::to_owned).collect()
}

/// The first `N` texts (empty where missing), leaving the rest in `texts`.
pub fn head<const N: usize>(texts: &mut impl Iterator<Item = String>) -> [String; N] {
    std::array::from_fn(|_| texts.next().unwrap_or_default())
}

/// A flag as a text: "1" or empty.
pub fn flag(value: bool) -> String {
    if value { "1" } else { "" }.to_string()
}

/// A flag back from its text.
pub fn is_flag(text: &str) -> bool {
    !text.is_empty()
}

/// Pairs of texts, one after the other, and back (an odd text left over is dropped).
pub fn flatten_pairs(pairs: &[(String, String)]) -> Vec<String> {
    pairs
        .iter()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect()
}

pub fn pairs(texts: impl IntoIterator<Item = String>) -> Vec<(String, String)> {
    let mut texts = texts.into_iter();
    let mut pairs = Vec::new();
    while let (Some(a), Some(b)) = (texts.next(), texts.next()) {
        pairs.push((a, b));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_written_with_empty_ones_and_line_breaks() {
        let texts = vec![
            "Revenus : « 1 200,50 € »".to_string(),
            String::new(),
            "ligne 1\nligne 2 & <b>\"gras\"</b>".to_string(),
            String::new(),
        ];
        assert_eq!(decode(&encode(&texts)), texts);
    }

    #[test]
    fn a_separator_typed_in_a_text_cannot_shift_the_ones_after_it() {
        let texts = vec!["a\u{1f}b".to_string(), "c".to_string()];
        assert_eq!(decode(&encode(&texts)), vec!["a b", "c"]);
    }

    #[test]
    fn pairs_and_flags_round_trip() {
        let list = vec![
            ("income".to_string(), "1 200".to_string()),
            ("rent".to_string(), String::new()),
        ];
        assert_eq!(pairs(flatten_pairs(&list)), list);
        assert_eq!(pairs(vec!["odd".to_string()]), vec![]);
        assert!(is_flag(&flag(true)));
        assert!(!is_flag(&flag(false)));
    }

    #[test]
    fn head_takes_the_first_texts_and_leaves_the_rest() {
        let mut texts = vec!["a".to_string(), "b".to_string(), "c".to_string()].into_iter();
        assert_eq!(head::<2>(&mut texts), ["a", "b"]);
        assert_eq!(texts.collect::<Vec<_>>(), vec!["c"]);
        assert_eq!(head::<2>(&mut std::iter::empty()), ["", ""]);
    }
}
