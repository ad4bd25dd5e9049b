//! Properties of token verification: whatever a browser sends as a token, and whatever a
//! host signs, the answer is a customer or a client error, never a panic.

use base64::Engine as _;
use proptest::{prelude::*, test_runner::TestRunner};

use super::{Claims, sign, verify};
use crate::{db::Db, error::AppError, state::AppState};

const SECRET: &str = "acme-auth-test-secret-0123456789";

/// A runtime and a state with tenant `acme` and its key `k1`, for the synchronous runner.
fn state() -> (tokio::runtime::Runtime, AppState) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let state = rt.block_on(async {
        let db = Db::in_memory().await.expect("db");
        crate::tenants::store::create(&db, "acme", "Acme", None)
            .await
            .expect("tenant");
        crate::agents::store::put_key(&db, "acme", "k1", SECRET)
            .await
            .expect("key");
        let config = crate::state::Config {
            dist_dir: "dist".into(),
            www_dir: "www".into(),
            demo: false,
            test_clock: false,
            console_test_cors: false,
            files_origin: String::new(),
            public_url: "http://panelcare.test".into(),
            smtp_url: String::new(),
            mail_from: "panelcare <panelcare@panelcare.test>".into(),
            job_lease_ms: None,
            client_address_header: String::new(),
            outbound_allow: crate::outbound::AllowList::parse("").expect("allow list"),
            refusal_hold: std::time::Duration::ZERO,
        };
        crate::state::AppState::new(db, config, crate::events::Listeners::new(Vec::new()))
    });
    (rt, state)
}

/// `n` cases, with failures printed rather than written beside a source file the runner
/// cannot find outside the `proptest!` macro.
fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A refusal must be the client's to fix: a 4xx, never an internal error.
fn client_error(err: &AppError) -> bool {
    matches!(err, AppError::Client { .. })
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// `header.payload.signature` where each part is random, or JSON that looks almost right.
fn jwt_like() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..40).prop_map(|b| b64(&b)),
        (
            prop::sample::select(vec!["HS256", "HS512", "none", "RS256", ""]),
            proptest::option::of("[a-z0-9]{0,4}"),
        )
            .prop_map(|(alg, kid)| {
                let kid = kid.map_or(String::new(), |k| format!(",\"kid\":\"{k}\""));
                b64(format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"{kid}}}").as_bytes())
            }),
    ];
    let payload = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..60).prop_map(|b| b64(&b)),
        (
            prop::sample::select(vec!["acme", "nobody", ""]),
            any::<i64>(),
        )
            .prop_map(|(iss, exp)| b64(format!("{{\"iss\":\"{iss}\",\"exp\":{exp}}}").as_bytes())),
        ".{0,20}",
    ];
    let signature = prop::collection::vec(any::<u8>(), 0..40).prop_map(|b| b64(&b));
    (header, payload, signature, 0..4usize).prop_map(|(h, p, s, dots)| match dots {
        0 => format!("{h}.{p}"),
        1 => format!("{h}.{p}.{s}.{s}"),
        _ => format!("{h}.{p}.{s}"),
    })
}

#[test]
fn any_token_is_refused_with_a_client_error() {
    let (rt, state) = state();
    let tokens = prop_oneof![any::<String>(), ".{0,300}", jwt_like()];
    TestRunner::new(cases(512))
        .run(&tokens, |token| {
            match rt.block_on(verify(&state, &token)) {
                Err(err) => prop_assert!(client_error(&err), "{token:?}: {err:?}"),
                Ok(c) => prop_assert!(false, "{token:?} was accepted as {c:?}"),
            }
            Ok(())
        })
        .expect("property");
}

/// Claims a careless host might sign: any times, any subject, long or odd names.
fn claims() -> impl Strategy<Value = Claims> {
    let time = prop_oneof![
        any::<i64>(),
        Just(i64::MIN),
        Just(i64::MAX),
        -1_000i64..1_000,
        Just(crate::time::now_secs()),
    ];
    (
        (time.clone(), time.clone(), proptest::option::of(time)),
        ".{0,250}",
        proptest::option::of(".{0,300}"),
        proptest::option::of(any::<String>()),
        prop::sample::select(vec![panelcare_model::AUDIENCE, "other", ""]),
    )
        .prop_map(|((iat, exp, nbf), sub, name, locale, aud)| Claims {
            iss: "acme".into(),
            sub,
            aud: aud.into(),
            iat,
            exp,
            nbf,
            name: name.clone(),
            email: name,
            plan: locale.clone(),
            locale,
            support_tier: None,
            server: None,
        })
}

#[test]
fn signed_claims_give_a_bounded_customer_or_a_client_error() {
    let (rt, state) = state();
    TestRunner::new(cases(256))
        .run(&claims(), |claims| {
            let token = sign(&claims, "k1", SECRET);
            match rt.block_on(verify(&state, &token)) {
                Err(err) => prop_assert!(client_error(&err), "{claims:?}: {err:?}"),
                Ok(c) => {
                    prop_assert!(
                        claims
                            .exp
                            .checked_sub(claims.iat)
                            .is_some_and(|l| l <= panelcare_model::MAX_TOKEN_LIFETIME_SECS)
                    );
                    prop_assert!(!c.account_id.is_empty() && c.account_id.len() <= 200);
                    prop_assert!(c.name.as_ref().is_none_or(|n| n.chars().count() <= 200));
                    prop_assert!(c.locale.as_ref().is_none_or(|n| n.chars().count() <= 35));
                }
            }
            Ok(())
        })
        .expect("property");
}
