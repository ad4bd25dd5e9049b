//! Applies a tenant's branding to the widget: custom properties set through the CSSOM (which
//! a strict Content-Security-Policy allows, unlike a `style` attribute), the focus ring
//! among them.

use panelcare_model::branding::Branding;
use web_sys::HtmlElement;

/// Sets or clears the branding's custom properties on `root`; an empty value clears, so the
/// stylesheet's defaults apply.
pub fn apply(root: &HtmlElement, b: &Branding) {
    let style = root.style();
    let radius = b.radius.map(|r| format!("{r}px")).unwrap_or_default();
    // The server works the ring out (`Branding::focus_ring`): CSS cannot compare contrasts,
    // a pale primary colour must not make the ring vanish, and the arithmetic would weigh on
    // the widget.
    for (property, value) in [
        ("--pc-primary", b.primary.as_str()),
        ("--pc-focus", b.focus.as_str()),
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
