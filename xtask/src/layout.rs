//! `cargo xtask test`'s layout lint for the server: SQL only in store modules, and modules
//! that import each other in one direction only.
//!
//! - **SQL**: `sqlx::query…` calls and SQL text (`SELECT …`, `INSERT INTO`, `UPDATE … SET`,
//!   `DELETE FROM`, …) may appear only in a `store.rs`, a `store/` folder, or `db/` (the
//!   engine's own module). Everything else calls a store function.
//! - **Imports**: the server's top-level modules are infrastructure (imports no feature),
//!   features, or the composition root (`lib.rs`, `cli`, `demo`, `jobs`; nothing imports
//!   them). Features may import each other, but never in a circle.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

use crate::util::{Result, at_root};

/// Modules every other may use; they import no feature.
const INFRA: [&str; 16] = [
    "cache",
    "client_address",
    "db",
    "error",
    "events",
    "extract",
    "metrics",
    "openapi",
    "outbound",
    "refusals",
    "secrets",
    "slow_refusals",
    "state",
    "static_files",
    "time",
    "web",
];
/// The composition root: wires features together; nothing imports it.
const ROOT: [&str; 4] = ["lib", "cli", "demo", "jobs"];

pub fn run() -> Result {
    let src = at_root("crates/server/src");
    let files = rust_files(&src)?;
    let mut problems = Vec::new();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)?
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(file)?;
        let code = strip_comments(&text);
        if !may_hold_sql(&rel) {
            for (line, what) in sql_in(&code) {
                problems.push(format!(
                    "crates/server/src/{rel}:{line}: {what} outside a store module"
                ));
            }
        }
        let module = top_module(&rel);
        let used = uses.entry(module.clone()).or_default();
        used.extend(crate_paths(&code).into_iter().filter(|m| *m != module));
    }
    problems.extend(import_problems(&uses));
    if problems.is_empty() {
        println!(
            "layout: {} files; SQL only in stores; {} modules, no import circles",
            files.len(),
            uses.len()
        );
        Ok(())
    } else {
        for p in &problems {
            eprintln!("{p}");
        }
        Err(format!("{} layout problems (see above)", problems.len()).into())
    }
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// `tickets/store/queue.rs` → true; `tickets/customer.rs` → false.
fn may_hold_sql(rel: &str) -> bool {
    rel.starts_with("db/")
        || rel
            .split('/')
            .any(|part| part == "store" || part == "store.rs")
}

/// `tickets/console/write.rs` → `tickets`; `lib.rs` → `lib`.
fn top_module(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.trim_end_matches(".rs").to_owned()
}

/// The text with `//` comments blanked (line numbers kept). String literals are kept, so a
/// `//` inside one (a URL) does not end the line early.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// SQL statements' openings, as they start a string literal or follow a word boundary in one.
const SQL: [&str; 9] = [
    "SELECT ",
    "INSERT INTO",
    "DELETE FROM",
    "CREATE TABLE",
    "CREATE INDEX",
    "ALTER TABLE",
    "DROP TABLE",
    "PRAGMA ",
    "ON CONFLICT",
];

/// `(line, what)` for each SQL call or SQL text in `code`.
fn sql_in(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        if line.contains("sqlx::query")
            || line.contains("query_scalar(")
            || line.contains("query_as(")
        {
            found.push((n + 1, "a SQL query call".to_owned()));
            continue;
        }
        for literal in string_literals(line) {
            let hit = SQL
                .iter()
                .find(|kw| literal.contains(*kw))
                .copied()
                .or_else(|| {
                    // `UPDATE x SET`: an update needs both words.
                    (literal.contains("UPDATE ") && literal.contains(" SET "))
                        .then_some("UPDATE … SET")
                });
            if let Some(kw) = hit {
                found.push((n + 1, format!("SQL text ({})", kw.trim())));
                break;
            }
        }
    }
    found
}

/// The contents of the string literals on one line (a literal continued on the next line is
/// read up to the line's end).
fn string_literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        if c == '"' && prev != '\\' {
            match start.take() {
                Some(s) => out.push(&line[s..i]),
                None => start = Some(i + 1),
            }
        }
        prev = c;
    }
    if let Some(s) = start {
        out.push(&line[s..]);
    }
    out
}

/// The top-level modules `code` names through `crate::`, in `use` lists and inline paths.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::{c, d}, e}`: the names at the group's first level.
            let mut depth = 0;
            let mut name = String::new();
            let mut first = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !name.is_empty() {
                            out.insert(std::mem::take(&mut name));
                        }
                        first = true;
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 && first {
                    if c.is_alphanumeric() || c == '_' {
                        name.push(c);
                    } else if !name.is_empty() {
                        out.insert(std::mem::take(&mut name));
                        first = false;
                    }
                }
            }
            if !name.is_empty() {
                out.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn kind(module: &str, modules: &BTreeSet<&str>) -> &'static str {
    if INFRA.contains(&module) {
        "infra"
    } else if ROOT.contains(&module) || !modules.contains(module) {
        // A name that is no module is an item of lib.rs (`crate::app`): the root.
        "root"
    } else {
        "feature"
    }
}

fn import_problems(uses: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let modules: BTreeSet<&str> = uses.keys().map(String::as_str).collect();
    let mut problems = Vec::new();
    for (from, used) in uses {
        let from_kind = kind(from, &modules);
        for to in used {
            let to_kind = kind(to, &modules);
            let wrong = match (from_kind, to_kind) {
                ("infra", "infra") | ("root", _) => false,
                ("infra", _) => true,
                (_, "root") => true,
                _ => false,
            };
            if wrong {
                problems.push(format!(
                    "crates/server/src/{from}: {from_kind} module `{from}` imports {to_kind} `{to}`"
                ));
            }
        }
    }
    let features: Vec<&str> = modules
        .iter()
        .copied()
        .filter(|m| kind(m, &modules) == "feature")
        .collect();
    for cycle in circles(uses, &features) {
        problems.push(format!(
            "import circle between features: {}",
            cycle.join(" → ")
        ));
    }
    problems
}

/// Each group of features that reach one another, as a path around the group.
fn circles(uses: &BTreeMap<String, BTreeSet<String>>, features: &[&str]) -> Vec<Vec<String>> {
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(m) = todo.pop() {
            for next in uses.get(&m).into_iter().flatten() {
                if features.contains(&next.as_str()) && seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for f in features {
        if reported.contains(*f) || !reach(f).contains(*f) {
            continue;
        }
        let group: Vec<String> = features
            .iter()
            .filter(|g| reach(f).contains(**g) && reach(g).contains(*f))
            .map(|g| (*g).to_owned())
            .collect();
        reported.extend(group.iter().cloned());
        let mut path = group.clone();
        path.push(group[0].clone());
        out.push(path);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_is_found_in_calls_and_literals_but_not_comments() {
        let code = strip_comments(
            "let a = sqlx::query(\"x\");\n// SELECT in a comment\nlet b = \"SELECT id FROM t\";\n\
             let c = \"UPDATE t SET a = 1\";\nlet d = \"Select a plan\";\nlet e = \"https://x//y\";",
        );
        let lines: Vec<usize> = sql_in(&code).into_iter().map(|(l, _)| l).collect();
        assert_eq!(lines, vec![1, 3, 4]);
    }

    #[test]
    fn stores_and_the_engine_module_may_hold_sql() {
        assert!(may_hold_sql("tickets/store/queue.rs"));
        assert!(may_hold_sql("kb/store.rs"));
        assert!(may_hold_sql("db/mod.rs"));
        assert!(!may_hold_sql("tickets/customer.rs"));
        assert!(!may_hold_sql("restore.rs"));
    }

    #[test]
    fn crate_paths_in_groups_and_inline() {
        let code = "use crate::{a, b::{c, d}, e::f};\nlet x = crate::g::h();\nuse crate::i;\n\
                    use crate::{j,k, l};";
        let found: Vec<String> = crate_paths(code).into_iter().collect();
        assert_eq!(found, ["a", "b", "e", "g", "i", "j", "k", "l"]);
    }

    #[test]
    fn a_circle_and_a_wrong_direction_are_reported() {
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut add = |from: &str, to: &[&str]| {
            uses.insert(from.into(), to.iter().map(|s| (*s).to_owned()).collect());
        };
        add("tickets", &["notify", "db"]);
        add("notify", &["bridge"]);
        add("bridge", &["tickets"]);
        add("kb", &["db"]);
        add("db", &["kb"]);
        add("lib", &["tickets"]);
        let problems = import_problems(&uses);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("infra module `db` imports feature `kb`"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("circle") && p.contains("bridge"))
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
