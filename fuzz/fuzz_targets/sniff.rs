//! Upload checks: any bytes are sniffed, and any bytes that sniff as an image are decoded
//! within limits or refused, without a panic.
#![no_main]

use panelcare_server::attachments::{sniff::sniff, thumbnail};

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    if let Ok(kind) = sniff(bytes) {
        if kind.is_image() {
            let _ = thumbnail::make(kind, bytes);
        }
    }
});
