//! The widget's stylesheet without what only its authors read: comments and the whitespace
//! between tokens. Every panel page downloads it, so its comments would cost every customer.

/// `css` without comments, with runs of whitespace made one space, and without the spaces
/// next to `{`, `}`, `;` and `,` (never meaningful there), after a declaration's `:`, or the
/// `;` before a `}`. Spaces elsewhere stay: in `a :hover` or `1px solid` they mean something.
/// Strings are copied as they are.
pub fn css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    // Per open block: whether it holds declarations (a rule's) or rules (an at-rule's).
    let mut blocks: Vec<bool> = Vec::new();
    // Where the current selector, at-rule prelude or declaration starts in `out`.
    let mut start = 0;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            '"' | '\'' => {
                if after_property(&out, start, &blocks) {
                    space = false;
                }
                push_space(&mut out, &mut space, c);
                out.push(c);
                let mut escaped = false;
                for s in chars.by_ref() {
                    out.push(s);
                    if s == c && !escaped {
                        break;
                    }
                    escaped = s == '\\' && !escaped;
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                if after_property(&out, start, &blocks) {
                    space = false;
                }
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                push_space(&mut out, &mut space, c);
                out.push(c);
                match c {
                    '{' => {
                        let prelude = out[start..].trim_start();
                        blocks.push(!prelude.starts_with('@'));
                        start = out.len();
                    }
                    '}' => {
                        blocks.pop();
                        start = out.len();
                    }
                    ';' => start = out.len(),
                    _ => {}
                }
            }
        }
    }
    out
}

/// Whether `out` ends with a declaration's `:` (`color: red` → `color:red`; never a selector's
/// `a :hover`, nor a `:` inside parentheses).
fn after_property(out: &str, start: usize, blocks: &[bool]) -> bool {
    blocks.last() == Some(&true) && out.ends_with(':') && !out[start..].contains('(')
}

/// Writes the pending space before `next`, unless one of the two sides makes it needless.
fn push_space(out: &mut String, space: &mut bool, next: char) {
    const TIGHT: [char; 4] = ['{', '}', ';', ','];
    if std::mem::take(space) && !out.is_empty() && !TIGHT.contains(&next) && !out.ends_with(TIGHT) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::css;

    #[test]
    fn comments_and_idle_whitespace_go() {
        let src = "/* head */\n:host {\n  all: initial; /* why */\n  display: block;\n}\n\n.a,\n.b { color: red }\n";
        assert_eq!(css(src), ":host{all:initial;display:block}.a,.b{color:red}");
    }

    #[test]
    fn meaningful_spaces_and_strings_stay() {
        let cases = [
            (
                ".a :hover { border: 1px  solid\tred }",
                ".a :hover{border:1px solid red}",
            ),
            (
                ".x::before { content: \"a  /* b */ ;\"; }",
                ".x::before{content:\"a  /* b */ ;\"}",
            ),
            ("a { content: 'it\\'s  } x'; }", "a{content:'it\\'s  } x'}"),
            (
                "@media (max-width: 420px) { .r { gap: 0 } }",
                "@media (max-width: 420px){.r{gap:0}}",
            ),
            (
                ".a:not(.b) :is(.c, .d) { x: a(b: c) }",
                ".a:not(.b) :is(.c,.d){x:a(b: c)}",
            ),
            (
                ":host([data-x]) .a .b { top: 0 }",
                ":host([data-x]) .a .b{top:0}",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(css(src), want, "{src}");
        }
    }
}
