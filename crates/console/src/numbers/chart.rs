//! The numbers' charts as SVG (attributes only: the console's policy allows no inline
//! style), each with a text alternative for screen readers.

use panelcare_model::ticket::numbers::SlaKept;
use yew::prelude::*;

/// Daily counts as bars, oldest first; `what` names the counted thing ("Suggestions").
pub fn per_day(counts: &[i64], days: u32, what: &str) -> Html {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let (w, h, gap) = (600.0_f64, 120.0_f64, 2.0_f64);
    let bar = w / counts.len().max(1) as f64;
    let label = format!(
        "{what} per day over the last {days} days: {}",
        counts
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    html! {
        <figure class="c-chart">
            <svg viewBox={format!("0 0 {w} {}", h + 16.0)} role="img" aria-label={label} preserveAspectRatio="none">
                <line x1="0" y1={h.to_string()} x2={w.to_string()} y2={h.to_string()} class="c-axis" />
                { for counts.iter().enumerate().map(|(i, n)| {
                    let bh = if *n == 0 { 0.0 } else { (*n as f64 / max as f64 * (h - 14.0)).max(2.0) };
                    let x = i as f64 * bar;
                    html! {
                        <g>
                            <rect x={(x + gap / 2.0).to_string()} y={(h - bh).to_string()} width={(bar - gap).to_string()} height={bh.to_string()} class="c-bar">
                                <title>{ format!("{n} on day {}", i + 1) }</title>
                            </rect>
                            if *n > 0 {
                                <text x={(x + bar / 2.0).to_string()} y={(h - bh - 3.0).to_string()} class="c-bar-label">{ n.to_string() }</text>
                            }
                        </g>
                    }
                }) }
                <text x="0" y={(h + 14.0).to_string()} class="c-axis-label">{ format!("{days} days ago") }</text>
                <text x={w.to_string()} y={(h + 14.0).to_string()} class="c-axis-label c-end">{ "today" }</text>
            </svg>
        </figure>
    }
}

/// One horizontal bar per row: the share of answers given in time, with the target line at
/// 100 %; rows without answers say so instead of drawing an empty bar.
pub fn shares(title: &str, rows: &[(String, SlaKept)]) -> Html {
    let (w, row_h, label_w) = (600.0_f64, 26.0_f64, 200.0_f64);
    let h = row_h * rows.len().max(1) as f64;
    let track = w - label_w - 90.0;
    let label = format!(
        "{title}: {}",
        rows.iter()
            .map(|(name, s)| match s.share() {
                Some(share) => format!("{name} {:.0} % of {}", share * 100.0, s.answers),
                None => format!("{name} no answers yet"),
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    html! {
        <figure class="c-chart c-shares">
            <figcaption class="c-chart-title">{ title }</figcaption>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label}>
                { for rows.iter().enumerate().map(|(i, (name, s))| {
                    let y = i as f64 * row_h;
                    let share = s.share();
                    let class = match share {
                        Some(v) if v >= 0.95 => "c-share c-share-good",
                        Some(v) if v >= 0.8 => "c-share c-share-fair",
                        _ => "c-share c-share-poor",
                    };
                    html! {
                        <g>
                            <text x="0" y={(y + 17.0).to_string()} class="c-share-label">{ name.clone() }</text>
                            <rect x={label_w.to_string()} y={(y + 5.0).to_string()} width={track.to_string()} height="14" class="c-share-track" />
                            if let Some(v) = share {
                                <rect x={label_w.to_string()} y={(y + 5.0).to_string()} width={(track * v).max(1.0).to_string()} height="14" class={class} />
                            }
                            <text x={(label_w + track + 8.0).to_string()} y={(y + 17.0).to_string()} class="c-share-value">
                                { share.map_or("no answers".into(), |v| format!("{:.0} % of {}", v * 100.0, s.answers)) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
