//! The widget's and hosts' request bodies: any bytes deserialize to the request type or
//! fail, and what deserializes validates or names its fields, without a panic. The first
//! byte picks the type.
#![no_main]

use panelcare_model::{
    NewFeedback,
    bridge::{BridgedReply, BridgedStatus},
    offers::{Conversion, OfferEvent},
    ticket::{NewRating, NewReply, NewTicket},
};
use serde::de::DeserializeOwned;

fn parse<T: DeserializeOwned>(json: &[u8]) -> Option<T> {
    serde_json::from_slice(json).ok()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&which, json)) = data.split_first() else {
        return;
    };
    match which % 9 {
        0 => drop(parse::<NewFeedback>(json).map(|b| b.validate())),
        1 => drop(parse::<NewTicket>(json).map(|b| b.validate())),
        2 => drop(parse::<NewReply>(json).map(|b| b.validate())),
        3 => drop(parse::<NewRating>(json).map(|b| b.validate())),
        4 => drop(parse::<BridgedReply>(json).map(|b| b.validate())),
        5 => drop(parse::<BridgedStatus>(json)),
        6 => drop(parse::<OfferEvent>(json)),
        7 => drop(parse::<Conversion>(json)),
        // The usage a host reports with `POST /api/v1/offers`.
        _ => drop(
            parse::<serde_json::Value>(json).map(|v| panelcare_server::offers::snapshot::check(&v)),
        ),
    }
});
