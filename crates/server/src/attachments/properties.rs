//! Properties of the upload checks: any bytes are sniffed without a panic, and any bytes
//! behind an image's magic are decoded or refused without one.

use proptest::prelude::*;

use super::{
    sniff::{Kind, sniff},
    thumbnail,
};

/// Bytes that start like one of the formats we accept or refuse, then go anywhere.
fn magic_then_noise() -> impl Strategy<Value = Vec<u8>> {
    let magic = prop::sample::select(vec![
        &b"\x89PNG\r\n\x1a\n"[..],
        b"\xff\xd8\xff",
        b"GIF87a",
        b"GIF89a",
        b"RIFF\0\0\0\0WEBP",
        b"%PDF-",
        b"PK\x03\x04",
        b"\x1f\x8b",
        b"\xef\xbb\xbf<!-- x -->",
        b"<!--",
        b"",
    ]);
    (magic, prop::collection::vec(any::<u8>(), 0..512)).prop_map(|(m, rest)| [m, &rest].concat())
}

/// Bytes behind an image's magic, for the decoders, with the PNG header chunk often right
/// so the decoder gets past it.
fn image_like() -> impl Strategy<Value = (Kind, Vec<u8>)> {
    let kind = prop::sample::select(vec![Kind::Png, Kind::Jpeg, Kind::Gif, Kind::Webp]);
    let noise = prop::collection::vec(any::<u8>(), 0..1024);
    (kind, noise, 0u32..2000, 0u32..2000).prop_map(|(kind, noise, w, h)| {
        let head: Vec<u8> = match kind {
            Kind::Png => [
                &b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"[..],
                &w.to_be_bytes(),
                &h.to_be_bytes(),
                b"\x08\x06\0\0\0",
            ]
            .concat(),
            Kind::Jpeg => b"\xff\xd8\xff".to_vec(),
            Kind::Gif => [
                &b"GIF89a"[..],
                &(w as u16).to_le_bytes(),
                &(h as u16).to_le_bytes(),
            ]
            .concat(),
            _ => {
                let len = u32::try_from(noise.len() + 4).unwrap_or(u32::MAX);
                [&b"RIFF"[..], &len.to_le_bytes(), b"WEBPVP8L"].concat()
            }
        };
        (kind, [head, noise].concat())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_are_sniffed(bytes in prop_oneof![prop::collection::vec(any::<u8>(), 0..256), magic_then_noise()]) {
        let _ = sniff(&bytes);
    }

    #[test]
    fn text_that_passes_is_utf8_without_nul(bytes in magic_then_noise()) {
        if sniff(&bytes) == Ok(Kind::Text) {
            let text = std::str::from_utf8(&bytes);
            prop_assert!(text.is_ok_and(|t| !t.contains('\0')));
        }
    }

    #[test]
    fn images_are_thumbnailed_or_refused((kind, bytes) in image_like()) {
        if let Some(png) = thumbnail::make(kind, &bytes) {
            prop_assert_eq!(sniff(&png), Ok(Kind::Png));
        }
    }
}
