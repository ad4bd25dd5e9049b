//! The enrolment address as a QR code: an SVG in a `data:` URL, so the console shows it in an
//! `<img>` (its policy allows `data:` images) with no script and no request of its own.

use base64::{Engine as _, engine::general_purpose::STANDARD};
use qrcode::{EcLevel, QrCode, render::svg};

/// `data:image/svg+xml;base64,…` of `text` as a QR code; `None` if it cannot be one (an
/// address far longer than an `otpauth://` address is).
pub fn data_url(text: &str) -> Option<String> {
    // M survives a smudge; L holds more, for the longest addresses (a long e-mail).
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .or_else(|_| QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L))
        .ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(image)
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_becomes_an_svg_data_url() {
        let url = super::data_url("otpauth://totp/Acme:ada%40acme.test?secret=GEZDGNBV")
            .expect("a QR code");
        let svg = url
            .strip_prefix("data:image/svg+xml;base64,")
            .and_then(|b| base64::Engine::decode(&super::STANDARD, b).ok())
            .expect("base64");
        let svg = String::from_utf8(svg).expect("utf-8");
        assert!(svg.contains("<svg"), "{svg}");
        assert!(!svg.contains("<script"), "{svg}");
    }

    #[test]
    fn the_longest_names_still_make_a_qr_code() {
        // A tenant name of CJK characters and the longest e-mail the sign-in takes.
        let issuer = "網".repeat(500);
        let email = format!("{}@{}.example", "a".repeat(64), "b".repeat(240));
        let uri = crate::second_factor::totp::uri(&issuer, &email, &"A".repeat(32));
        assert!(super::data_url(&uri).is_some(), "{} bytes", uri.len());
    }
}
