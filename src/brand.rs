//! Applies a tenant's branding to the widget: custom properties set through the CSSOM (which
//! a strict Content-Security-Policy allows, unlike a `style` attribute), and the focus ring
//! worked out from them.

use panelcare_model::branding::Branding;
use web_sys::HtmlElement;

/// Sets or clears the branding's custom properties on `root`; an empty value clears, so the
/// stylesheet's defaults apply.
pub fn apply(root: &HtmlElement, b: &Branding) {
    let style = root.style();
    let radius = b.radius.map(|r| format!("{r}px")).unwrap_or_default();
    // Worked out here, not in the stylesheet: CSS cannot compare contrasts, and a pale
    // primary colour must not make the focus ring vanish.
    let focus = b.focus_ring();
    for (property, value) in [
        ("--pc-primary", b.primary.as_str()),
        ("--pc-focus", focus.as_str()),
        ("--pc-star", b.accent.as_str()),
        ("--pc-radius", radius.as_str()),
        ("--pc-font", b.font.as_str()),
    ] {
        // Values were validated by the server (and again by the shared rules here), so they
        // cannot leave their property.
        let _ = if value.is_empty() {
            style.remove_property(property).map(|_| ())
        } else {
            style.set_property(property, value)
        };
    }
}
