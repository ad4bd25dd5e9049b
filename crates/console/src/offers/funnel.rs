//! The funnel of each rule and variant as SVG bars — customers shown, then clicked, then
//! converted — on one scale, so a tenant's offers compare at a glance. Attributes only (the
//! console's policy allows no inline style), with the figures as the text alternative.

use panelcare_model::offers::numbers::FunnelRow;
use yew::prelude::*;

/// `rule` or `rule / variant`, as the chart and the table name a row.
pub fn row_name(r: &FunnelRow) -> String {
    let name = if r.rule_name.is_empty() {
        &r.rule
    } else {
        &r.rule_name
    };
    if r.variant.is_empty() {
        name.clone()
    } else {
        format!("{name} / {}", r.variant)
    }
}

pub fn funnel(title: &str, rows: &[FunnelRow]) -> Html {
    // Each row's name on a line of its own above its bars: rule names are sentences
    // ("Starter close to its disk space → Pro / urgent") that no side column fits.
    let (w, label_h, bar_h, gap) = (600.0_f64, 18.0_f64, 12.0_f64, 12.0_f64);
    let group = label_h + bar_h * 3.0 + gap;
    let h = group * rows.len().max(1) as f64;
    let label_w = 0.0_f64;
    let track = w - 60.0;
    let max = rows.iter().map(|r| r.shown).max().unwrap_or(0).max(1);
    let label = format!(
        "{title}: {}",
        rows.iter()
            .map(|r| format!(
                "{} shown to {}, clicked by {}, converted {}",
                row_name(r),
                r.shown,
                r.clicked,
                r.converted
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    html! {
        <figure class="c-chart c-shares c-funnel">
            <figcaption class="c-chart-title">{ title }
                <span class="c-legend">
                    <span class="c-key c-key-shown">{ "shown" }</span>
                    <span class="c-key c-key-clicked">{ "clicked" }</span>
                    <span class="c-key c-key-converted">{ "converted" }</span>
                </span>
            </figcaption>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label}>
                { for rows.iter().enumerate().map(|(i, r)| {
                    let y = i as f64 * group;
                    let bar = |n: usize, count: u32, class: &'static str| {
                        let by = y + label_h + n as f64 * bar_h;
                        let bw = if count == 0 { 0.0 } else { (f64::from(count) / f64::from(max) * track).max(1.0) };
                        html! {
                            <g>
                                <rect x={label_w.to_string()} y={by.to_string()} width={bw.to_string()} height={(bar_h - 2.0).to_string()} class={class} />
                                <text x={(label_w + bw + 6.0).to_string()} y={(by + bar_h - 3.0).to_string()} class="c-share-value">{ count.to_string() }</text>
                            </g>
                        }
                    };
                    html! {
                        <g>
                            <text x="0" y={(y + label_h - 5.0).to_string()} class="c-share-label">{ row_name(r) }</text>
                            { bar(0, r.shown, "c-funnel-shown") }
                            { bar(1, r.clicked, "c-funnel-clicked") }
                            { bar(2, r.converted, "c-funnel-converted") }
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
