//! Identity tokens: any string is refused with a client error, and any claims a host signs
//! give a bounded customer or a client error, never a panic. The first byte picks which.
#![no_main]

use std::sync::OnceLock;

use panelcare_server::{
    AppError, AppState,
    auth::{Claims, sign, verify},
    db::Db,
    state::Config,
};

const SECRET: &str = "acme-fuzz-secret-0123456789abcdef";

/// A runtime and a state with tenant `acme` and its key `k1`, made once per process.
fn setup() -> &'static (tokio::runtime::Runtime, AppState) {
    static SETUP: OnceLock<(tokio::runtime::Runtime, AppState)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let state = rt.block_on(async {
            let db = Db::in_memory().await.expect("db");
            panelcare_server::tenants::store::create(&db, "acme", "Acme", None)
                .await
                .expect("tenant");
            panelcare_server::agents::store::put_key(&db, "acme", "k1", SECRET)
                .await
                .expect("key");
            let config = Config {
                dist_dir: "dist".into(),
                www_dir: "www".into(),
                demo: false,
                test_clock: false,
                files_origin: String::new(),
                public_url: "http://panelcare.test".into(),
                smtp_url: String::new(),
                mail_from: "panelcare <panelcare@panelcare.test>".into(),
                job_lease_ms: None,
                client_address_header: String::new(),
                outbound_allow: panelcare_server::outbound::AllowList::parse("")
                    .expect("allow list"),
            };
            panelcare_server::app_state(db, config)
        });
        (rt, state)
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (rt, state) = setup();
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let token = if which % 2 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        // Claims as a host might sign them, with any values at all.
        let Ok(mut claims) = serde_json::from_slice::<Claims>(rest) else {
            return;
        };
        claims.iss = "acme".into();
        sign(&claims, "k1", SECRET)
    };
    match rt.block_on(verify(state, &token)) {
        Err(AppError::Client { .. }) => {}
        Err(other) => panic!("{token:?}: {other:?}"),
        Ok(c) => {
            assert!(which % 2 == 1, "an unsigned {token:?} was accepted");
            assert!(!c.account_id.is_empty() && c.account_id.len() <= 200);
        }
    }
});
