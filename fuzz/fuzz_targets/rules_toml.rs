//! The offer rules import: any text parses to rules or a TOML error, and any rules compile
//! or name their problems, without a panic.
#![no_main]

use panelcare_model::offers::{RuleSet, catalogue::Catalogue};

libfuzzer_sys::fuzz_target!(|text: &str| {
    let Ok(set) = toml::from_str::<RuleSet>(text) else {
        return;
    };
    let catalogue = Catalogue::default();
    let origins = vec!["https://panel.acme.example".to_owned()];
    for rule in &set.rules {
        let _ = rule.compile(&catalogue, &origins);
    }
    // What was read is written back on export: that must not fail either.
    let _ = toml::to_string(&set);
});
