//! Field errors of lists: the server names them by index (`plans[1].price.cents`,
//! `rule[0].when[2]`), and each row of a form shows only its own.

use std::rc::Rc;

use panelcare_model::FieldError;

/// Whether `field` is `name` or inside it: `price` owns `price.cents`, `when` owns `when[0]`.
pub fn owns(name: &str, field: &str) -> bool {
    field
        .strip_prefix(name)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The errors inside `prefix`, named from inside it: `plans[1]` turns `plans[1].name` into
/// `name`; an error on `plans[1]` itself becomes the empty name.
pub fn within(errors: &[FieldError], prefix: &str) -> Rc<Vec<FieldError>> {
    Rc::new(
        errors
            .iter()
            .filter(|e| owns(prefix, &e.field))
            .map(|e| {
                let rest = &e.field[prefix.len()..];
                let mut inner = e.clone();
                inner.field = rest.strip_prefix('.').unwrap_or(rest).to_owned();
                inner
            })
            .collect(),
    )
}

/// The first message for the input of `name`.
pub fn at<'a>(errors: &'a [FieldError], name: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| owns(name, &e.field))
        .map(|e| e.message.as_str())
}

/// Messages for a one-per-line list (`link_origins[2]`, `when[0]`), each naming its line as
/// the admin typed it; errors on the list itself come too.
pub fn lines(errors: &[FieldError], name: &str, typed: &str) -> Option<String> {
    let typed: Vec<&str> = typed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let found: Vec<String> = errors
        .iter()
        .filter(|e| owns(name, &e.field))
        .map(|e| {
            let index = e.field[name.len()..]
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .and_then(|(n, _)| n.parse::<usize>().ok());
            match index {
                Some(n) => match typed.get(n) {
                    Some(line) => format!("Line {} (“{line}”): {}", n + 1, e.message),
                    None => format!("Line {}: {}", n + 1, e.message),
                },
                None => e.message.clone(),
            }
        })
        .collect();
    (!found.is_empty()).then(|| found.join(" "))
}

/// Whether every error names one of `shown`; otherwise the form says the rest above itself.
pub fn all_shown(errors: &[FieldError], shown: &[&str]) -> bool {
    !errors.is_empty()
        && errors
            .iter()
            .all(|e| shown.iter().any(|s| owns(s, &e.field)))
}

/// The non-empty, trimmed lines of a one-per-line text.
pub fn split_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}
