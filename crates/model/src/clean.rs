//! Text hygiene: the one rule every typed text passes before it is stored (issue 17).
//!
//! Bidi overrides and isolates can make a ticket subject read backwards in the agents' queue,
//! in e-mails and in logs, and terminal controls (ESC, BEL, NUL…) can rewrite a log line. So:
//!
//! - **refused**: bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), C0
//!   controls other than tab and line feed, DEL and C1 controls (U+007F–U+009F);
//! - **a line break**: CR LF and a lone CR become LF;
//! - **removed**: invisible formatting nobody types on purpose — zero-width space (U+200B),
//!   the byte-order mark (U+FEFF), word joiner and invisible operators (U+2060–U+2064), the
//!   deprecated formatting characters (U+206A–U+206F), the Mongolian vowel separator
//!   (U+180E) and the directional marks LRM, RLM and ALM (U+200E, U+200F, U+061C). The marks
//!   are removed rather than kept: they are invisible, so they can split a name that looks
//!   like another, and without them right-to-left text still reads right (at worst a
//!   punctuation mark sits at the other end); our languages are all left-to-right;
//! - **kept**: everything else, including ZWJ (U+200D) and ZWNJ (U+200C), which emoji
//!   sequences and Persian and Indic scripts need.
//!
//! What a person types through the widget or the console goes through [`text`] and is
//! refused with [`FieldErrorCode::ForbiddenCharacters`] so they can fix it. What arrives from
//! another system (the ticket bridge, a panel's identity token, a file's name) goes through
//! [`lenient`], which removes what [`text`] refuses: nobody there could fix it.
//!
//! The widget compiles this, so it is one `match` on ranges and no tables.

use crate::error::{FieldError, FieldErrorCode};

/// What a refused field says, in English (the catalogues say it in every language).
pub const REFUSED: &str = "Remove the invisible control characters.";

/// A text holds a character [`text`] refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forbidden;

impl Forbidden {
    /// The field error for the field `field`.
    pub fn on(self, field: &str) -> FieldError {
        FieldError::new(field, FieldErrorCode::ForbiddenCharacters, REFUSED)
    }
}

impl std::fmt::Display for Forbidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REFUSED)
    }
}

impl std::error::Error for Forbidden {}

#[derive(PartialEq)]
enum Class {
    Keep,
    /// CR: a line break, with the LF that may follow it.
    Return,
    Remove,
    Refuse,
}

fn class(c: char) -> Class {
    match c {
        '\t' | '\n' => Class::Keep,
        '\r' => Class::Return,
        '\0'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Class::Refuse,
        '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2060}'..='\u{206f}'
        | '\u{feff}'
        | '\u{180e}'
        | '\u{061c}' => Class::Remove,
        _ => Class::Keep,
    }
}

/// `s` by the rule, or `Forbidden` if it holds a refused character.
pub fn text(s: &str) -> Result<String, Forbidden> {
    apply(s, true)
}

/// `s` by the rule, with the characters [`text`] refuses removed: for text from other systems.
pub fn lenient(s: &str) -> String {
    apply(s, false).unwrap_or_default()
}

/// One pass that always builds a new string: a borrowing fast path would cost the widget
/// bytes, and every caller keeps an owned copy anyway.
fn apply(s: &str, strict: bool) -> Result<String, Forbidden> {
    let mut out = String::with_capacity(s.len());
    let mut after_return = false;
    for c in s.chars() {
        let class = class(c);
        match class {
            Class::Keep if after_return && c == '\n' => {}
            Class::Keep => out.push(c),
            Class::Return => out.push('\n'),
            Class::Remove => {}
            Class::Refuse if strict => return Err(Forbidden),
            Class::Refuse => {}
        }
        after_return = class == Class::Return;
    }
    Ok(out)
}

/// `value` by the rule and trimmed, 1 to `max` characters long (counted after cleaning);
/// otherwise the field's one error is pushed. Returns the text either way, so the other
/// fields are still checked.
pub fn required(field: &str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let value = match text(value) {
        Ok(v) => v,
        Err(e) => {
            errors.push(e.on(field));
            return String::new();
        }
    };
    let value = value.trim();
    let chars = value.chars().count();
    if chars == 0 {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::Required,
            "This field is required.",
        ));
    } else if chars > max {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::TooLong,
            crate::message!("This is {chars} characters long; the limit is {max}."),
        ));
    }
    value.to_owned()
}

#[cfg(test)]
mod tests;
