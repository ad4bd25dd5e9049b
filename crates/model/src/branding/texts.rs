//! A tenant's own wording of the widget: per language, text key → text.
//!
//! Kept as small vectors rather than maps: the widget only walks them, and `BTreeMap`'s
//! code costs the customer bundle kilobytes. On the wire it is a JSON object of objects,
//! `{"en": {"title": "Ideas for BlueFox"}}`.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer, ser::SerializeMap};

use crate::Lang;

/// Language tag → (text key, text) pairs, each sorted by key once validated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
// On the wire an object of objects: `{"en": {"title": "Ideas"}}`.
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::ToSchema),
    schema(value_type = std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>)
)]
pub struct Texts(pub Vec<(String, Vec<(String, String)>)>);

impl Texts {
    /// The tenant's texts for `lang`.
    pub fn of(&self, lang: Lang) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .filter(move |(tag, _)| tag == lang.tag())
            .flat_map(|(_, texts)| texts.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The tenant's text for `key` in `lang`, if it has one.
    pub fn get(&self, lang: Lang, key: &str) -> Option<&str> {
        self.of(lang).find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Sets (or, with an empty text, removes) the tenant's text for `key` in `lang`.
    pub fn set(&mut self, lang: Lang, key: &str, text: &str) {
        let tag = lang.tag();
        let index = match self.0.iter().position(|(t, _)| t == tag) {
            Some(i) => i,
            None => {
                self.0.push((tag.to_owned(), Vec::new()));
                self.0.len() - 1
            }
        };
        let texts = &mut self.0[index].1;
        texts.retain(|(k, _)| k != key);
        if !text.is_empty() {
            texts.push((key.to_owned(), text.to_owned()));
            texts.sort();
        }
        if texts.is_empty() {
            self.0.remove(index);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, texts)| texts.is_empty())
    }
}

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Pairs<'a>(&'a [(String, String)]);
        impl Serialize for Pairs<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (tag, texts) in &self.0 {
            map.serialize_entry(tag, &Pairs(texts))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, BTreeMap<String, String>>::deserialize(d)?;
        Ok(Self(
            map.into_iter()
                .map(|(tag, texts)| (tag, texts.into_iter().collect()))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_an_object_of_objects() {
        let json = r#"{"en":{"submit":"Go","title":"Ideas"},"sr-Latn":{"title":"Predlozi"}}"#;
        let t: Texts = serde_json::from_str(json).unwrap();
        assert_eq!(t.get(Lang::En, "title"), Some("Ideas"));
        assert_eq!(t.get(Lang::Ru, "title"), None);
        assert_eq!(serde_json::to_string(&t).unwrap(), json);
    }

    #[test]
    fn set_replaces_and_empty_removes() {
        let mut t = Texts::default();
        t.set(Lang::Ru, "title", "Идеи");
        t.set(Lang::Ru, "title", "Предложения");
        assert_eq!(
            t.of(Lang::Ru).collect::<Vec<_>>(),
            [("title", "Предложения")]
        );
        t.set(Lang::Ru, "title", "");
        assert!(t.is_empty());
        assert_eq!(t.0.len(), 0);
    }
}
