//! Formatting of amounts, dates and times the way each language writes them.
//!
//! Amounts are integer cents (never floats). Dates are shown in Europe/Paris time,
//! whatever the server's clock zone.
use crate::i18n::Lang;
use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use chrono_tz::Europe::Paris;

/// Narrow no-break space: the French thousands separator.
const NNBSP: char = '\u{202F}';
/// No-break space: between a French amount and its currency sign.
const NBSP: char = '\u{00A0}';

/// Formats cents as money: `1 234,50 €` in French, `€1,234.50` in English.
pub fn money(cents: i64, lang: Lang) -> String {
    let negative = cents < 0;
    let abs = cents.unsigned_abs();
    let (units, rest) = (abs / 100, abs % 100);
    let (thousands, decimal) = match lang {
        Lang::Fr => (NNBSP, ','),
        Lang::En => (',', '.'),
    };
    let digits = group_thousands(units, thousands);
    let sign = if negative { "-" } else { "" };
    match lang {
        Lang::Fr => format!("{sign}{digits}{decimal}{rest:02}{NBSP}€"),
        Lang::En => format!("{sign}€{digits}{decimal}{rest:02}"),
    }
}

/// Formats a per-mille ratio as a percentage with one decimal: `35,4 %` / `35.4 %`.
pub fn permille(value: i64, lang: Lang) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    let (units, tenth) = (abs / 10, abs % 10);
    let decimal = match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    };
    if tenth == 0 {
        format!("{sign}{units}{NBSP}%")
    } else {
        format!("{sign}{units}{decimal}{tenth}{NBSP}%")
    }
}

fn group_thousands(value: u64, separator: char) -> String {
    let raw = value.to_string();
    let mut out = String::with_capacity(raw.len() + raw.len() / 3);
    for (i, c) in raw.chars().enumerate() {
        if i > 0 && (raw.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

fn weekday_name(day: Weekday, lang: Lang) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    match lang {
        Lang::Fr => [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ][i],
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
    }
}

fn month_name(month0: u32, lang: Lang) -> &'static str {
    let i = month0 as usize;
    match lang {
        Lang::Fr => [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ][i],
        Lang::En => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ][i],
    }
}

/// A day: `mardi 3 mars 2026` / `Tuesday 3 March 2026`.
pub fn date(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&Paris);
    let day = if lang == Lang::Fr && local.day() == 1 {
        "1er".to_string()
    } else {
        local.day().to_string()
    };
    format!(
        "{} {} {} {}",
        weekday_name(local.weekday(), lang),
        day,
        month_name(local.month0(), lang),
        local.year()
    )
}

/// A calendar date written `YYYY-MM-DD`: `20 novembre 2026` / `20 November 2026`.
/// Anything else is shown as it is.
pub fn iso_date(iso: &str, lang: Lang) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => {
            let day = if lang == Lang::Fr && d.day() == 1 {
                "1er".to_string()
            } else {
                d.day().to_string()
            };
            format!("{day} {} {}", month_name(d.month0(), lang), d.year())
        }
        Err(_) => iso.to_string(),
    }
}

/// A Unix time as a day in Paris: `20 novembre 2026`.
pub fn unix_date(seconds: i64, lang: Lang) -> String {
    match DateTime::<Utc>::from_timestamp(seconds, 0) {
        Some(at) => iso_date(
            &at.with_timezone(&Paris).format("%Y-%m-%d").to_string(),
            lang,
        ),
        None => String::new(),
    }
}

/// A time of day: `14 h`, `9 h 05` / `2:00 pm`, `9:05 am`.
pub fn time(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&Paris);
    let (h, m) = (local.hour(), local.minute());
    match lang {
        Lang::Fr if m == 0 => format!("{h}{NBSP}h"),
        Lang::Fr => format!("{h}{NBSP}h{NBSP}{m:02}"),
        Lang::En => {
            let suffix = if h < 12 { "am" } else { "pm" };
            let h12 = match h % 12 {
                0 => 12,
                x => x,
            };
            format!("{h12}:{m:02}{NBSP}{suffix}")
        }
    }
}

/// A moment without the year: `mardi 3 mars à 14 h` / `Tuesday 3 March at 2:00 pm`.
pub fn date_time(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&Paris);
    let day = if lang == Lang::Fr && local.day() == 1 {
        "1er".to_string()
    } else {
        local.day().to_string()
    };
    let joiner = match lang {
        Lang::Fr => "à",
        Lang::En => "at",
    };
    format!(
        "{} {} {} {joiner} {}",
        weekday_name(local.weekday(), lang),
        day,
        month_name(local.month0(), lang),
        time(at, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn french_amounts_use_a_comma_and_a_space_before_the_euro_sign() {
        assert_eq!(money(1250, Lang::Fr), "12,50\u{a0}€");
        assert_eq!(money(5, Lang::Fr), "0,05\u{a0}€");
        assert_eq!(money(0, Lang::Fr), "0,00\u{a0}€");
        assert_eq!(money(12_345_678, Lang::Fr), "123\u{202f}456,78\u{a0}€");
        assert_eq!(money(-100_000, Lang::Fr), "-1\u{202f}000,00\u{a0}€");
    }

    #[test]
    fn english_amounts_put_the_sign_first() {
        assert_eq!(money(1250, Lang::En), "€12.50");
        assert_eq!(money(100_000_000, Lang::En), "€1,000,000.00");
        assert_eq!(money(-1, Lang::En), "-€0.01");
    }

    #[test]
    fn extreme_amounts_do_not_overflow() {
        assert!(money(i64::MIN, Lang::Fr).starts_with('-'));
        assert!(money(i64::MAX, Lang::En).starts_with('€'));
    }

    #[test]
    fn dates_are_shown_in_paris_time_the_french_way() {
        // 3 March 2026, 13:00 UTC = 14:00 in Paris (winter time).
        let at = Utc.with_ymd_and_hms(2026, 3, 3, 13, 0, 0).unwrap();
        assert_eq!(date_time(at, Lang::Fr), "mardi 3 mars à 14\u{a0}h");
        assert_eq!(date_time(at, Lang::En), "Tuesday 3 March at 2:00\u{a0}pm");
        // Summer time: 7:05 UTC = 9:05 in Paris.
        let at = Utc.with_ymd_and_hms(2026, 7, 1, 7, 5, 0).unwrap();
        assert_eq!(
            date_time(at, Lang::Fr),
            "mercredi 1er juillet à 9\u{a0}h\u{a0}05"
        );
        assert_eq!(date(at, Lang::En), "Wednesday 1 July 2026");
    }

    #[test]
    fn review_dates_are_written_out() {
        assert_eq!(iso_date("2026-11-20", Lang::Fr), "20 novembre 2026");
        assert_eq!(iso_date("2026-03-01", Lang::Fr), "1er mars 2026");
        assert_eq!(iso_date("2026-03-01", Lang::En), "1 March 2026");
        assert_eq!(iso_date("hier", Lang::Fr), "hier");
    }

    #[test]
    fn a_late_utc_evening_is_already_the_next_day_in_paris() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(date(at, Lang::Fr), "vendredi 1er janvier 2027");
        assert_eq!(time(at, Lang::En), "12:30\u{a0}am");
    }
}

/// Text to put inside a `<textarea>`: Leptos writes a textarea's children as they are
/// (like a script's), so the text is escaped here, or a `</textarea>` in it would end
/// the field and the rest would be read as HTML.
pub fn textarea_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod textarea_tests {
    #[test]
    fn a_textarea_cannot_be_closed_from_its_text() {
        let text = super::textarea_text("a < b & </textarea><script>alert(1)</script>");
        assert_eq!(
            text,
            "a &lt; b &amp; &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
        );
    }
}
