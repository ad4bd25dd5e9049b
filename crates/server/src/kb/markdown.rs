//! Articles are written in markdown and shown as HTML inside the customer's panel, so the
//! HTML is cleaned to an allowlist: no scripts, styles, event handlers, frames or forms, and
//! links only to http(s) and mailto.

use pulldown_cmark::{Event, Options, Parser, TagEnd, html};

/// The cleaned HTML of `md`, and its plain text (for search and snippets).
pub fn render(md: &str) -> (String, String) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(md, options));
    let clean = ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string();
    let mut plain = String::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) | Event::Code(t) => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => {
                plain.push('\n');
            }
            _ => {}
        }
    }
    (clean, plain.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_safe_html_and_plain_text() {
        let (html, plain) =
            render("# Reset\n\nOpen **Settings** and [read on](https://docs.example/a).");
        assert!(html.contains("<h1>Reset</h1>"));
        assert!(html.contains("<strong>Settings</strong>"));
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""));
        assert_eq!(plain, "Reset\nOpen Settings and read on.");
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        for attack in [
            "<script>alert(1)</script>hello",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<form action=\"https://evil.example\"><input></form>",
        ] {
            let (html, _) = render(attack);
            let lower = html.to_lowercase();
            for bad in [
                "<script",
                "javascript:",
                "onerror",
                "<iframe",
                "<style",
                "data:",
                "<form",
                "<input",
            ] {
                assert!(!lower.contains(bad), "{attack} → {html}");
            }
        }
    }
}
