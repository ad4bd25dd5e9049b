//! The widget's stylesheet without what only its authors read: comments and the whitespace
//! between tokens. Every panel page downloads it, so its comments would cost every customer.

/// `css` without comments, with runs of whitespace made one space, and without the spaces
/// next to `{`, `}`, `;` and `,` (never meaningful there). Spaces elsewhere stay: in
/// `a :hover` or `1px solid` they mean something. Strings are copied as they are.
pub fn css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
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
                push_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out
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
        assert_eq!(
            css(src),
            ":host{all: initial;display: block;}.a,.b{color: red}"
        );
    }

    #[test]
    fn meaningful_spaces_and_strings_stay() {
        assert_eq!(
            css(".a :hover { border: 1px  solid\tred }"),
            ".a :hover{border: 1px solid red}"
        );
        assert_eq!(
            css(".x::before { content: \"a  /* b */ ;\"; }"),
            ".x::before{content: \"a  /* b */ ;\";}"
        );
        assert_eq!(
            css("a { content: 'it\\'s  } x'; }"),
            "a{content: 'it\\'s  } x';}"
        );
        assert_eq!(
            css("@media (max-width: 420px) { .r { gap: 0 } }"),
            "@media (max-width: 420px){.r{gap: 0}}"
        );
    }
}
