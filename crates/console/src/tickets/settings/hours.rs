//! Business hours of one support tier: when they are on, the SLA clock of every priority but
//! critical runs only while support works, in the tenant's time zone.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    sla::{BusinessHours, Hours},
};
use yew::prelude::*;

use crate::form::{self, described_by, error_line, message};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct HoursProps {
    /// Makes the ids of this tier's inputs unique.
    pub id: AttrValue,
    pub tier: AttrValue,
    pub hours: Option<Rc<BusinessHours>>,
    /// Errors named `…business_hours…` for this tier, prefix included.
    pub errors: Rc<Vec<FieldError>>,
    /// The prefix of this tier's error names: `policies.<tier>.business_hours`.
    pub prefix: AttrValue,
    pub on_change: Callback<Option<BusinessHours>>,
}

/// One change to the hours, from what was typed.
type Edit = Rc<dyn Fn(&mut BusinessHours, String)>;

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Monday to Friday, 09:00 to 17:00, in the browser's zone: where most desks start.
fn office_hours() -> BusinessHours {
    let day = Some(Hours {
        start: 9 * 60,
        end: 17 * 60,
    });
    let zone = form::local_zone();
    BusinessHours {
        time_zone: if zone.is_empty() { "UTC".into() } else { zone },
        days: [day, day, day, day, day, None, None],
    }
}

/// Minutes after midnight as `HH:MM`; the end of the day (24:00) as `00:00`.
fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

/// `HH:MM` → minutes after midnight; `00:00` as an end means midnight at the end of the day.
fn minutes(value: &str, is_end: bool) -> Option<u16> {
    let (h, m) = value.split_once(':')?;
    let total = h.parse::<u16>().ok()? * 60 + m.get(..2)?.parse::<u16>().ok()?;
    Some(if is_end && total == 0 { 24 * 60 } else { total })
}

#[component]
pub fn HoursEditor(props: &HoursProps) -> Html {
    let on = props.hours.is_some();
    let toggle = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| on_change.emit(form::checked(&e).then(office_hours)))
    };
    let id = &props.id;
    let toggle_id = format!("{id}-hours");
    let Some(hours) = &props.hours else {
        return html! {
            <label class="c-check" for={toggle_id.clone()}>
                <input id={toggle_id} type="checkbox" checked={false} onchange={toggle} />
                { " Count only business hours (the clock of critical tickets always runs)" }
            </label>
        };
    };
    let change = |set: Edit| {
        let (hours, on_change) = ((**hours).clone(), props.on_change.clone());
        Callback::from(move |value: String| {
            let mut h = hours.clone();
            set(&mut h, value);
            on_change.emit(Some(h));
        })
    };
    let prefix = props.prefix.as_str();
    let zone_error = message(&props.errors, &format!("{prefix}.time_zone"));
    let days_error = props
        .errors
        .iter()
        .find(|e| e.field == format!("{prefix}.days"))
        .map(|e| e.message.as_str());
    let zone_id = format!("{id}-zone");
    html! {
        <fieldset class="c-fieldset c-hours">
            <legend>{ format!("Business hours of “{}”", props.tier) }</legend>
            <label class="c-check" for={toggle_id.clone()}>
                <input id={toggle_id} type="checkbox" checked={on} onchange={toggle} />
                { " Count only business hours (the clock of critical tickets always runs)" }
            </label>
            { form::field(&zone_id, "Time zone", html! {
                <input id={zone_id.clone()} type="text" value={hours.time_zone.clone()}
                    aria-invalid={zone_error.map(|_| "true")} aria-describedby={described_by(&zone_id, true, zone_error.is_some())}
                    oninput={change(Rc::new(|h, v| h.time_zone = v)).reform(|e: InputEvent| form::input_value(&e))} />
            }, Some("An IANA name such as Europe/Belgrade or America/New_York."), zone_error) }
            <table class="c-table c-days">
                <thead><tr><th scope="col">{ "Day" }</th><th scope="col">{ "Open" }</th><th scope="col">{ "From" }</th><th scope="col">{ "Until" }</th></tr></thead>
                <tbody>{ for DAYS.iter().enumerate().map(|(i, day)| {
                    let today = hours.days[i];
                    let field = format!("{prefix}.days.{i}");
                    let error = message(&props.errors, &field);
                    let open = change(Rc::new(move |h, v| {
                        h.days[i] = (v == "on").then_some(Hours { start: 9 * 60, end: 17 * 60 });
                    }))
                    .reform(|e: Event| if form::checked(&e) { "on".to_owned() } else { String::new() });
                    let time = |is_end: bool| change(Rc::new(move |h, v| {
                        if let (Some(d), Some(m)) = (h.days[i].as_mut(), minutes(&v, is_end)) {
                            if is_end { d.end = m } else { d.start = m }
                        }
                    })).reform(|e: InputEvent| form::input_value(&e));
                    let row_id = format!("{id}-day-{i}");
                    html! {
                        <tr key={i}>
                            <th scope="row">{ day }</th>
                            <td><input id={format!("{row_id}-open")} type="checkbox" checked={today.is_some()} onchange={open}
                                aria-label={format!("Open on {day}")} /></td>
                            if let Some(h) = today {
                                <td><input id={format!("{row_id}-start")} type="time" value={clock(h.start)} oninput={time(false)}
                                    aria-label={format!("{day} opens at")} aria-invalid={error.map(|_| "true")}
                                    aria-describedby={described_by(&row_id, false, error.is_some())} /></td>
                                <td><input id={format!("{row_id}-end")} type="time" value={clock(h.end)} oninput={time(true)}
                                    aria-label={format!("{day} closes at (00:00 is midnight)")} aria-invalid={error.map(|_| "true")}
                                    aria-describedby={described_by(&row_id, false, error.is_some())} />
                                    { error_line(&row_id, error) }</td>
                            } else {
                                <td colspan="2" class="c-muted">{ "Closed" }</td>
                            }
                        </tr>
                    }
                }) }</tbody>
            </table>
            { error_line(&format!("{id}-days"), days_error) }
        </fieldset>
    }
}
