//! Article markdown to cleaned HTML: no panic on any text.
#![no_main]

libfuzzer_sys::fuzz_target!(|md: &str| {
    let (html, _) = panelcare_server::kb::markdown::render(md);
    // The allowlist never lets a script tag through, whatever the input.
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "{md:?} → {html}"
    );
});
