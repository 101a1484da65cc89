//! Secret values as the generated crate holds them: secret types are `secrecy` types
//! (redacted `Debug`, no `Display`, read through `expose_secret`), the form writer shows
//! them as `***` but sends the real value, decoded answers keep auth codes secret, and a
//! secret reaches the sandbox intact while its request log shows `***`.

use std::fmt::Display;

use domaincontext::answers::{Password as PasswordAnswer, Registration};
use domaincontext::registry::TYPES;
use domaincontext::requests::DomainCheckTransfer;
use domaincontext::rt::FormWriter;
use domaincontext::rt::Sealed;
use domaincontext::types::{Password, Pincode};
use domaincontext::{Client, ExposeSecret, Request, RetryPolicy, Secret};
use serde_json::json;

/// Compiles only when `T` has no `Display` (with one, the call below is ambiguous): the
/// `static_assertions` trick, so that a secret can never be formatted with `{}`.
trait AmbiguousIfDisplay<A> {
    fn check() {}
}
impl<T: ?Sized> AmbiguousIfDisplay<()> for T {}
impl<T: ?Sized + Display> AmbiguousIfDisplay<u8> for T {}

#[test]
fn secret_types_have_no_display() {
    <Password as AmbiguousIfDisplay<_>>::check();
    <Pincode as AmbiguousIfDisplay<_>>::check();
    <Secret as AmbiguousIfDisplay<_>>::check();
}

#[test]
fn the_registry_marks_exactly_the_secret_types() {
    let secret: Vec<&str> = TYPES.iter().filter(|t| t.secret).map(|t| t.name).collect();
    assert_eq!(secret, ["password", "pincode"]);
}

#[test]
fn secret_values_hide_in_debug_and_errors_and_expose_on_request() {
    let pw: Password = "Pw-Sentinel-1".parse().unwrap();
    assert_eq!(format!("{pw:?}"), "Password(***)");
    assert_eq!(pw.expose_secret(), "Pw-Sentinel-1");
    assert_eq!(pw, Password::try_from("Pw-Sentinel-1".to_owned()).unwrap());
    assert_ne!(pw, Password::try_from("Pw-Sentinel-2").unwrap());
    let pin: Pincode = "~7q~".parse().unwrap();
    assert_eq!(format!("{pin:?}"), "Pincode(***)");
    assert_eq!(pin.expose_secret(), "~7q~");

    // Invalid values: the error names the type and the rule, never the value.
    let mut checked = 0;
    for (bad, from_string) in [("Pw-Sentinel-3\n", false), ("Pw-Sentinel-4\r", true)] {
        let e = if from_string {
            Password::try_from(bad.to_owned()).unwrap_err()
        } else {
            bad.parse::<Password>().unwrap_err()
        };
        let shown = format!("{e} {e:?}");
        assert!(shown.contains("password"), "{shown}");
        assert!(!shown.contains("Pw-Sentinel"), "{shown}");
        checked += 1;
    }
    let e = "~7q~x".parse::<Pincode>().unwrap_err();
    assert!(!format!("{e} {e:?}").contains("~7q~"), "{e:?}");
    checked += 1;
    assert_eq!(checked, 3);

    let account = Secret::new("Acct-Sentinel");
    assert_eq!(format!("{account:?}"), "***");
    assert_eq!(account.expose_secret(), "Acct-Sentinel");
    assert_eq!(account, Secret::from("Acct-Sentinel"));
}

#[test]
fn the_form_writer_shows_stars_and_sends_the_real_value() {
    let request = DomainCheckTransfer::new(
        "test.com".parse().unwrap(),
        "Pw&Sentinel=5+ж".parse().unwrap(),
    );
    let mut shown = FormWriter::new();
    request.encode(&mut shown);
    assert_eq!(
        shown.pairs(),
        [
            ("domain".to_owned(), "test.com".to_owned()),
            ("password".to_owned(), "***".to_owned())
        ]
    );
    let mut sent = FormWriter::encoding();
    request.encode(&mut sent);
    assert!(!format!("{sent:?}").contains("Sentinel"), "{sent:?}");
    let body = sent.into_body();
    assert_eq!(
        domaincontext::form::decode(&body),
        [
            ("domain".to_owned(), "test.com".to_owned()),
            ("password".to_owned(), "Pw&Sentinel=5+ж".to_owned())
        ]
    );
}

#[test]
fn decoded_answers_keep_auth_codes_secret() {
    let mut checked = 0;
    for value in [
        json!("Auth-Sentinel-6"),
        json!(123456789),
        json!({"odd": "Auth-Sentinel-6"}),
    ] {
        let expected = match &value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let answer =
            json!({"id": 7, "domain": "a.com", "password": value, "expires": "2026-01-01"});
        let r: Registration = serde_json::from_str(&answer.to_string()).unwrap();
        assert_eq!(r.password.as_ref().unwrap().expose_secret(), expected);
        assert!(r.extra.is_empty(), "a secret is never kept in `extra`");
        let p: PasswordAnswer =
            serde_json::from_str(&json!({"password": value}).to_string()).unwrap();
        assert_eq!(p.password.as_ref().unwrap().expose_secret(), expected);
        for shown in [format!("{r:?}"), format!("{p:?}")] {
            assert!(!shown.contains(&expected), "{shown}");
            assert!(shown.contains("password: Some(***)"), "{shown}");
        }
        checked += 1;
    }
    assert_eq!(checked, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_reaches_the_sandbox_intact_and_its_log_shows_stars() {
    let sandbox = domaincontext_sandbox::start(domaincontext_sandbox::Config::new())
        .await
        .unwrap();
    let client = Client::builder()
        .base_url(sandbox.url())
        .credentials("demo", "demo")
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .build()
        .unwrap();
    // Characters that the form encoding must carry: the check below fails if one is lost.
    let secret = "S&=+ %ж~Sentinel-8";
    let create = Request::from_args(
        "clientCreate",
        &json!({
            "login": "newbie", "password": secret, "seller": "demo",
            "email": "newbie@example.com", "first_name": "New", "last_name": "Bie",
            "street1": "1 Street", "city": "Kyiv", "postal_code": "01001", "country": "ua",
            "voice_phone": "+380.441234567", "type": "person",
        }),
    )
    .unwrap();
    client.call(&create).await.unwrap();
    let check = Request::from_args(
        "clientCheck",
        &json!({"login": "newbie", "password": secret}),
    )
    .unwrap();
    client.call(&check).await.unwrap();
    assert_eq!(sandbox.state().clients["newbie"].password, secret);
    let log = sandbox.requests();
    assert_eq!(log.len(), 2);
    for r in &log {
        assert!(
            r.params
                .contains(&("password".to_owned(), "***".to_owned())),
            "{r:?}"
        );
        assert!(!format!("{r:?}").contains("Sentinel"), "{r:?}");
    }
    sandbox.shutdown().await;
}
