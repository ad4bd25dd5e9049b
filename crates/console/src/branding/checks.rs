//! What the branding form warns about: colours that fail WCAG AA as text or behind text, and
//! a primary colour too close to the background for a focus ring (the widget then draws the
//! ring in another colour, and says so here so the admin is not surprised).

use panelcare_model::branding::{
    AA_CONTRAST, Branding, NON_TEXT_CONTRAST, Theme, contrast, focus_ring,
};

/// Every warning for `b`, worded for the admin; none when its colours pass.
pub fn warnings(b: &Branding) -> Vec<String> {
    let primary = b.primary_or_default();
    let background = b.theme.background();
    let mut found: Vec<String> = [
        (
            contrast(primary, "#ffffff"),
            "White button text on the primary colour",
        ),
        (
            contrast(primary, background),
            "The primary colour as link text on the widget's background",
        ),
    ]
    .into_iter()
    .filter_map(|(ratio, what)| {
        ratio.filter(|r| *r < AA_CONTRAST).map(|r| {
            format!("{what} has a contrast of {r:.1}:1; WCAG AA asks for {AA_CONTRAST}:1.")
        })
    })
    .collect();
    if let Some(r) = contrast(primary, background).filter(|r| *r < NON_TEXT_CONTRAST) {
        let theme = if b.theme == Theme::Dark {
            "dark"
        } else {
            "light"
        };
        found.push(format!(
            "The primary colour stands out only {r:.1}:1 from the {theme} background, under the {NON_TEXT_CONTRAST}:1 a focus ring needs: the widget draws its focus ring in {} instead.",
            focus_ring(primary, background)
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn branding(primary: &str, theme: Theme) -> Branding {
        Branding {
            primary: primary.into(),
            theme,
            ..Default::default()
        }
    }

    #[test]
    fn the_default_colours_pass() {
        assert!(warnings(&Branding::default()).is_empty());
    }

    #[test]
    fn a_pale_primary_warns_about_text_and_the_focus_ring() {
        let found = warnings(&branding("#fef9c3", Theme::Light));
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[2].contains("focus ring in #1f2937"), "{found:?}");
    }

    #[test]
    fn a_dark_navy_primary_on_the_dark_theme_gets_a_light_ring() {
        let found = warnings(&branding("#0b1f4d", Theme::Dark));
        assert!(
            found.iter().any(|w| w.contains("focus ring in #f3f4f6")),
            "{found:?}"
        );
        assert!(warnings(&branding("#0b1f4d", Theme::Light)).is_empty());
    }
}
