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

    mod properties {
        use proptest::prelude::*;

        use super::render;

        /// Markdown with HTML, links and attack words far more often than chance gives them.
        fn hostile() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "<script>",
                "</script>",
                "<a href=\"",
                "javascript:",
                "JaVaScRiPt&#58;",
                "\">",
                "<img src=x onerror=",
                "onclick=",
                " on",
                "=\"",
                "<iframe ",
                "<svg onload=",
                "[x](",
                ")",
                "![i](",
                "<",
                ">",
                "\"",
                "'",
                "`",
                "```\n",
                "\n\n",
                "# ",
                "* ",
                "| a | b |\n|---|---|\n",
                "&",
                "&#x6a;",
                "\u{0}",
                "data:text/html,",
                "vbscript:",
                "<style>",
                "<form>",
                "<!--",
                "-->",
                "<![CDATA[",
                "mailto:",
                "http://x/",
            ]);
            prop::collection::vec(
                prop_oneof![pieces.prop_map(str::to_owned), ".{0,8}", any::<String>()],
                0..24,
            )
            .prop_map(|parts| parts.concat())
        }

        /// Whether the HTML has a tag we never send, an event handler, or a link or source
        /// to a scheme that runs code. Attributes are read as html5ever writes them: names
        /// bare, values in double quotes with `"` escaped.
        fn unsafe_markup(html: &str) -> Option<String> {
            const BANNED: [&str; 8] = [
                "script", "iframe", "style", "form", "input", "svg", "object", "embed",
            ];
            let lower = html.to_ascii_lowercase();
            let mut rest = lower.as_str();
            // Outside tags `<` is always escaped, so each one opens a tag.
            while let Some(open) = rest.find('<') {
                let mut tag = rest[open + 1..].trim_start_matches('/');
                let name_end = tag.find([' ', '>', '/']).unwrap_or(tag.len());
                if BANNED.contains(&&tag[..name_end]) {
                    return Some(format!("tag {}", &tag[..name_end]));
                }
                tag = &tag[name_end..];
                loop {
                    tag = tag.trim_start_matches([' ', '/']);
                    if tag.is_empty() || tag.starts_with('>') {
                        break;
                    }
                    let name_end = tag.find(['=', ' ', '>']).unwrap_or(tag.len());
                    let name = &tag[..name_end];
                    tag = &tag[name_end..];
                    let mut value = "";
                    if let Some(v) = tag.strip_prefix("=\"") {
                        let close = v.find('"').unwrap_or(v.len());
                        value = &v[..close];
                        tag = v.get(close + 1..).unwrap_or("");
                    }
                    if name.starts_with("on") {
                        return Some(format!("handler {name}"));
                    }
                    let squeezed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                    if ["javascript:", "vbscript:", "data:"]
                        .iter()
                        .any(|s| squeezed.starts_with(s))
                    {
                        return Some(format!("{name}={value}"));
                    }
                }
                rest = tag;
            }
            None
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn any_text_renders_to_safe_html(md in prop_oneof![any::<String>(), hostile()]) {
                let (html, _) = render(&md);
                prop_assert_eq!(unsafe_markup(&html), None, "{:?} → {}", md, html);
            }
        }

        #[test]
        fn the_checker_sees_what_it_looks_for() {
            assert!(unsafe_markup("<p><img src=\"x\" onerror=\"a\"></p>").is_some());
            assert!(unsafe_markup("<a href=\" javascript:x\">").is_some());
            assert!(unsafe_markup("<a title=\"a onclick=x\" href=\"https://e\">t</a>").is_none());
            assert!(unsafe_markup("<p>javascript: onclick=</p>").is_none());
        }
    }
}
