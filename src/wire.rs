//! JSON in and out of the widget through the browser's own `JSON` object, reading and
//! writing fields by hand.
//!
//! serde with serde-wasm-bindgen cost the bundle over 40 KB of wasm for six small types; the
//! browser already parses JSON, and these few readers cost a fraction of that.

use panelcare_model::{
    ApiError, ErrorCode, Feedback, FeedbackCategory, FeedbackStatus, FieldError, NewFeedback,
    branding::{Branding, Texts, Theme},
    error::FieldErrorCode,
};
use wasm_bindgen::{JsCast, JsValue};

use crate::storage::Pending;

/// A JS object read field by field; missing or mistyped fields read as `None`.
pub struct Obj(JsValue);

impl Obj {
    pub fn new(value: JsValue) -> Option<Self> {
        value.is_object().then_some(Self(value))
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::new(js_sys::JSON::parse(text).ok()?)
    }

    pub(crate) fn get(&self, key: &str) -> JsValue {
        js_sys::Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    pub fn str(&self, key: &str) -> Option<String> {
        self.get(key).as_string()
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        self.get(key).as_bool()
    }

    pub fn num(&self, key: &str) -> Option<f64> {
        self.get(key).as_f64()
    }

    /// The strings in the array `key` (other elements are skipped).
    pub fn strings(&self, key: &str) -> Vec<String> {
        let value = self.get(key);
        if !js_sys::Array::is_array(&value) {
            return Vec::new();
        }
        js_sys::Array::from(&value)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }

    /// This object's own keys.
    pub fn keys(&self) -> Vec<String> {
        js_sys::Object::keys(self.0.unchecked_ref::<js_sys::Object>())
            .iter()
            .filter_map(|k| k.as_string())
            .collect()
    }

    /// The (key, value) pairs of the object `key`; none if it is not an object.
    pub fn entries(&self, key: &str) -> Vec<(String, JsValue)> {
        Obj::new(self.get(key)).map_or_else(Vec::new, |o| {
            o.keys()
                .into_iter()
                .map(|k| {
                    let v = o.get(&k);
                    (k, v)
                })
                .collect()
        })
    }

    /// The objects in the array `key` (other elements are skipped).
    pub fn list(&self, key: &str) -> Vec<Obj> {
        let value = self.get(key);
        if !js_sys::Array::is_array(&value) {
            return Vec::new();
        }
        js_sys::Array::from(&value)
            .iter()
            .filter_map(Obj::new)
            .collect()
    }
}

/// Builds a JS object to send or store.
pub struct Out(js_sys::Object);

impl Out {
    pub fn new() -> Self {
        Self(js_sys::Object::new())
    }

    pub fn set(self, key: &str, value: impl Into<JsValue>) -> Self {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }

    pub fn opt(self, key: &str, value: Option<impl Into<JsValue>>) -> Self {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    pub fn into_value(self) -> JsValue {
        self.0.into()
    }

    pub fn to_json(&self) -> String {
        js_sys::JSON::stringify(&self.0)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

impl Default for Out {
    fn default() -> Self {
        Self::new()
    }
}

pub fn feedback(o: &Obj) -> Option<Feedback> {
    Some(Feedback {
        id: o.str("id")?,
        category: FeedbackCategory::parse(&o.str("category")?)?,
        message: o.str("message")?,
        rating: o.num("rating").map(|r| r as u8),
        page: o.str("page"),
        status: FeedbackStatus::parse(&o.str("status")?)?,
        answer: o.str("answer"),
        answered_at: o.str("answered_at"),
        created_at: o.str("created_at")?,
    })
}

/// `{"items": [...]}`; items this version cannot read are left out rather than failing all.
pub fn feedback_list(o: &Obj) -> Vec<Feedback> {
    o.list("items").iter().filter_map(feedback).collect()
}

/// The `error` of an error body.
pub fn api_error(o: &Obj) -> Option<ApiError> {
    let e = Obj::new(o.get("error"))?;
    Some(ApiError {
        code: ErrorCode::parse(&e.str("code")?),
        message: e.str("message").unwrap_or_default(),
        fields: e
            .list("fields")
            .iter()
            .filter_map(|f| {
                let code = FieldErrorCode::parse(&f.str("code")?);
                Some(FieldError {
                    field: f.str("field")?,
                    code,
                    message: f.str("message").unwrap_or_default(),
                })
            })
            .collect(),
    })
}

pub fn new_feedback_out(f: &NewFeedback) -> Out {
    Out::new()
        .set("category", f.category.as_str())
        .set("message", f.message.as_str())
        .opt("rating", f.rating.map(|r| r as f64))
        .opt("page", f.page.as_deref())
}

pub fn new_feedback(o: &Obj) -> NewFeedback {
    NewFeedback {
        category: o.str("category").unwrap_or_default(),
        message: o.str("message").unwrap_or_default(),
        rating: o.num("rating").map(|r| r as i64),
        page: o.str("page"),
        // Native builds only; the widget's feedback panel never shares.
        #[cfg(not(target_arch = "wasm32"))]
        share: false,
    }
}

pub fn pending_out(p: &Pending) -> Out {
    Out::new()
        .set("key", p.key.as_str())
        .set("body", new_feedback_out(&p.body).into_value())
        .set("queued_at", p.queued_at)
        .set("attempts", p.attempts)
}

pub fn pending(o: &Obj) -> Option<Pending> {
    Some(Pending {
        key: o.str("key")?,
        body: new_feedback(&Obj::new(o.get("body"))?),
        queued_at: o.num("queued_at").unwrap_or_default(),
        attempts: o.num("attempts").unwrap_or_default() as u32,
    })
}

/// The tenant's texts per language.
fn texts(o: &Obj) -> Texts {
    Texts(
        o.entries("strings")
            .into_iter()
            .filter_map(|(tag, texts)| {
                let texts = Obj::new(texts)?;
                let pairs = texts
                    .keys()
                    .into_iter()
                    .filter_map(|k| {
                        let v = texts.str(&k)?;
                        Some((k, v))
                    })
                    .collect();
                Some((tag, pairs))
            })
            .collect(),
    )
}

/// The `texts` of `GET /api/v1/texts/{lang}`: every text's key and words.
pub fn words(o: &Obj) -> Vec<(String, String)> {
    o.entries("texts")
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_string()?)))
        .collect()
}

pub fn branding(o: &Obj) -> Branding {
    Branding {
        product_name: o.str("product_name").unwrap_or_default(),
        logo_url: o.str("logo_url").unwrap_or_default(),
        primary: o.str("primary").unwrap_or_default(),
        accent: o.str("accent").unwrap_or_default(),
        radius: o.num("radius").map(|r| r as u8),
        font: o.str("font").unwrap_or_default(),
        theme: if o.str("theme").as_deref() == Some("dark") {
            Theme::Dark
        } else {
            Theme::Light
        },
        hide_powered_by: o.bool("hide_powered_by").unwrap_or(false),
        // The launcher is the loader's (www/launcher.js), not the widget's.
        launcher: false,
        launcher_side: Default::default(),
        languages: o.strings("languages"),
        strings: texts(o),
        focus: o.str("focus").unwrap_or_default(),
    }
}
