//! Vertical bar charts for monthly figures: categories along the bottom (4月 … 3月), one or two
//! series side by side (e.g. actual against target) with a legend, a value axis with a few
//! round ticks and light grid lines, and optionally each value above its bar. Colours are
//! chosen to stay distinct when printed in black and white.

use super::number;
use super::page::{baseline_in, mm, Align, Ink, Report};
use crate::reports::ReportError;

const TITLE_SIZE: f32 = 10.0;
const LABEL_SIZE: f32 = 8.0;
const VALUE_SIZE: f32 = 7.0;
const MIN_VALUE_SIZE: f32 = 5.0;

/// Fill and outline of each series' bars.
const SERIES_INK: [(Ink, Ink); 2] = [
    (Ink::Rgb(0.23, 0.38, 0.58), Ink::Rgb(0.16, 0.27, 0.42)),
    (Ink::Grey(0.82), Ink::Grey(0.35)),
];

/// One series of a bar chart: a name for the legend and one value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name shown in the legend (e.g. `実績`, `目標`).
    pub name: String,
    /// One value per category, zero or more.
    pub values: Vec<f64>,
}

impl Series {
    /// A series with a name and its values.
    pub fn new(name: impl Into<String>, values: Vec<f64>) -> Series {
        Series {
            name: name.into(),
            values,
        }
    }
}

/// A vertical bar chart. Build one with struct update syntax from [`BarChart::default`].
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Title above the chart; may be empty.
    pub title: String,
    /// Unit shown above the value axis (e.g. `人`, `件`); may be empty.
    pub unit: String,
    /// Labels along the bottom, one per group of bars (e.g. `4月` … `3月`).
    pub categories: Vec<String>,
    /// One or two series.
    pub series: Vec<Series>,
    /// Height of the plotting area in millimetres (labels and legend come on top).
    pub height_mm: f32,
    /// Whether to print each value above its bar.
    pub show_values: bool,
    /// Decimals of the values printed above the bars and on the axis.
    pub decimals: usize,
}

impl Default for BarChart {
    fn default() -> BarChart {
        BarChart {
            title: String::new(),
            unit: String::new(),
            categories: Vec::new(),
            series: Vec::new(),
            height_mm: 55.0,
            show_values: true,
            decimals: 0,
        }
    }
}

/// A value axis from zero to `max` in steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Axis {
    pub(super) step: f64,
    pub(super) max: f64,
}

/// A round axis for values up to `largest`: about four to six ticks at 1, 2, 2.5 or 5 times a
/// power of ten. Whole-number data never gets fractional ticks.
pub(super) fn nice_axis(largest: f64, whole_numbers: bool) -> Axis {
    let largest = if largest > 0.0 { largest } else { 1.0 };
    let raw_step = largest / 5.0;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw_step)
        .unwrap_or(10.0 * magnitude);
    let step = if whole_numbers {
        step.ceil().max(1.0)
    } else {
        step
    };
    let max = (largest / step).ceil() * step;
    Axis { step, max }
}

fn check(chart: &BarChart) -> Result<(), ReportError> {
    if chart.series.is_empty() || chart.series.len() > SERIES_INK.len() {
        return Err(ReportError::ChartSeriesCount {
            found: chart.series.len(),
        });
    }
    for series in &chart.series {
        if series.values.len() != chart.categories.len() {
            return Err(ReportError::ChartSeriesLength {
                series: series.name.clone(),
                expected: chart.categories.len(),
                found: series.values.len(),
            });
        }
        let bad = series
            .values
            .iter()
            .position(|v| !v.is_finite() || *v < 0.0);
        if let Some(i) = bad {
            return Err(ReportError::ChartValueOutOfRange {
                series: series.name.clone(),
                category: chart.categories[i].clone(),
                value: series.values[i],
            });
        }
    }
    Ok(())
}

fn label(value: f64, decimals: usize) -> String {
    if decimals == 0 {
        number::integer(value.round() as i64)
    } else {
        number::decimal(value, decimals)
    }
}

/// Draws `chart` at the cursor of `doc`, on a new page if it does not fit on this one.
pub(super) fn draw(doc: &mut Report, chart: &BarChart) -> Result<(), ReportError> {
    check(chart)?;
    let font = doc.font();
    let title_height = TITLE_SIZE * 1.6;
    let value_room = if chart.show_values {
        VALUE_SIZE * 1.5
    } else {
        mm(2.0)
    };
    let value_room = if chart.unit.is_empty() {
        value_room
    } else {
        value_room.max(LABEL_SIZE * 1.3 + mm(1.5))
    };
    let plot_height = mm(chart.height_mm.max(20.0));
    let label_height = LABEL_SIZE * 1.8;
    let total = title_height + value_room + plot_height + label_height + mm(4.0);
    doc.ensure_room(total);

    let values = chart.series.iter().flat_map(|s| s.values.iter().copied());
    let largest = values.clone().fold(0.0, f64::max);
    let whole = values.clone().all(|v| v.fract() == 0.0);
    let axis = nice_axis(largest, whole && chart.decimals == 0);
    let tick_decimals = if axis.step.fract() == 0.0 {
        0
    } else {
        chart.decimals.max(1)
    };
    let ticks: Vec<f64> = (0..)
        .map(|i| f64::from(i) * axis.step)
        .take_while(|t| *t <= axis.max + axis.step / 1000.0)
        .collect();
    let tick_labels: Vec<String> = ticks.iter().map(|t| label(*t, tick_decimals)).collect();
    let unit_label = if chart.unit.is_empty() {
        String::new()
    } else {
        format!("（{}）", chart.unit)
    };
    let axis_label_width = tick_labels
        .iter()
        .map(|t| font.text_width(t, LABEL_SIZE))
        .fold(font.text_width(&unit_label, LABEL_SIZE), f32::max);

    let top = doc.cursor();
    let left = Report::body_left();
    let right = Report::body_right();
    let plot_left = left + axis_label_width + mm(2.5);
    let plot_top = top + title_height + value_room;
    let plot_bottom = plot_top + plot_height;
    let y_of = |v: f64| plot_bottom - (v / axis.max) as f32 * plot_height;

    let canvas = doc.canvas();
    // Title and unit on the left, legend on the right of the same line.
    let title_baseline = baseline_in(font, top, title_height, TITLE_SIZE);
    canvas.text(left, title_baseline, TITLE_SIZE, Ink::Black, &chart.title);
    let mut legend_right = right;
    for (series, (fill, outline)) in chart.series.iter().zip(SERIES_INK).rev() {
        let text_width = font.text_width(&series.name, LABEL_SIZE);
        let text_left = legend_right - text_width;
        let baseline = baseline_in(font, top, title_height, LABEL_SIZE);
        canvas.text(text_left, baseline, LABEL_SIZE, Ink::Black, &series.name);
        let swatch = mm(3.0);
        let swatch_left = text_left - mm(1.2) - swatch;
        let swatch_top = top + (title_height - swatch) / 2.0;
        canvas.fill_rect(swatch_left, swatch_top, swatch, swatch, fill);
        canvas.stroke_rect(swatch_left, swatch_top, swatch, swatch, 0.4, outline);
        legend_right = swatch_left - mm(4.0);
    }
    let unit_baseline = plot_top - mm(2.0);
    let unit_span = (left, plot_left - mm(1.5));
    let unit_ink = Ink::Grey(0.3);
    canvas.aligned_text(
        font,
        unit_span.0,
        unit_span.1,
        Align::Right,
        unit_baseline,
        LABEL_SIZE,
        unit_ink,
        &unit_label,
    );

    // Grid lines and tick labels.
    for (tick, text) in ticks.iter().zip(&tick_labels) {
        let y = y_of(*tick);
        if *tick > 0.0 {
            canvas.line((plot_left, y), (right, y), 0.3, Ink::Grey(0.8));
        }
        let baseline = y + LABEL_SIZE * 0.35;
        canvas.aligned_text(
            font,
            left,
            plot_left - mm(1.5),
            Align::Right,
            baseline,
            LABEL_SIZE,
            Ink::Grey(0.2),
            text,
        );
    }

    // Bars, values and category labels.
    let groups = chart.categories.len().max(1) as f32;
    let group_width = (right - plot_left) / groups;
    let bars_width = group_width * 0.7;
    let bar_width = bars_width / chart.series.len() as f32;
    let value_labels: Vec<Vec<String>> = chart
        .series
        .iter()
        .map(|s| s.values.iter().map(|v| label(*v, chart.decimals)).collect())
        .collect();
    let widest_value = value_labels
        .iter()
        .flatten()
        .map(|t| font.text_width(t, VALUE_SIZE))
        .fold(0.0, f32::max);
    let room_per_value = bar_width + (group_width - bars_width) / chart.series.len() as f32;
    let value_size = if widest_value > room_per_value {
        VALUE_SIZE * room_per_value / widest_value
    } else {
        VALUE_SIZE
    };
    let widest_category = chart
        .categories
        .iter()
        .map(|c| font.text_width(c, LABEL_SIZE))
        .fold(0.0, f32::max);
    let category_size = if widest_category > group_width * 0.95 {
        LABEL_SIZE * group_width * 0.95 / widest_category
    } else {
        LABEL_SIZE
    };
    for (g, category) in chart.categories.iter().enumerate() {
        let group_left = plot_left + group_width * g as f32;
        let bars_left = group_left + (group_width - bars_width) / 2.0;
        for (s, (series, (fill, outline))) in chart.series.iter().zip(SERIES_INK).enumerate() {
            let x = bars_left + bar_width * s as f32;
            let value = series.values[g];
            let y = y_of(value);
            if value > 0.0 {
                canvas.fill_rect(x, y, bar_width, plot_bottom - y, fill);
                canvas.stroke_rect(x, y, bar_width, plot_bottom - y, 0.4, outline);
            }
            if chart.show_values && value_size >= MIN_VALUE_SIZE {
                let baseline = y - value_size * 0.45;
                let text = &value_labels[s][g];
                let span = (x - bar_width, x + 2.0 * bar_width);
                canvas.aligned_text(
                    font,
                    span.0,
                    span.1,
                    Align::Center,
                    baseline,
                    value_size,
                    Ink::Black,
                    text,
                );
            }
        }
        let baseline = baseline_in(font, plot_bottom + mm(0.5), label_height, category_size);
        let span = (group_left, group_left + group_width);
        canvas.aligned_text(
            font,
            span.0,
            span.1,
            Align::Center,
            baseline,
            category_size,
            Ink::Black,
            category,
        );
    }

    // Axes on top of the bars.
    canvas.line(
        (plot_left, plot_top - mm(1.0)),
        (plot_left, plot_bottom),
        0.6,
        Ink::Black,
    );
    canvas.line(
        (plot_left, plot_bottom),
        (right, plot_bottom),
        0.8,
        Ink::Black,
    );

    doc.advance(total - mm(4.0));
    doc.space(4.0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_step_in_round_numbers() {
        assert_eq!(
            nice_axis(100.0, true),
            Axis {
                step: 20.0,
                max: 100.0
            }
        );
        assert_eq!(
            nice_axis(452.0, true),
            Axis {
                step: 100.0,
                max: 500.0
            }
        );
        assert_eq!(
            nice_axis(12.0, true),
            Axis {
                step: 3.0,
                max: 12.0
            }
        );
        assert_eq!(
            nice_axis(8.4, false),
            Axis {
                step: 2.0,
                max: 10.0
            }
        );
        assert_eq!(
            nice_axis(0.0, true),
            Axis {
                step: 1.0,
                max: 1.0
            }
        );
    }

    #[test]
    fn small_whole_number_data_gets_whole_ticks() {
        let axis = nice_axis(3.0, true);
        assert_eq!(axis.step, 1.0);
        assert_eq!(axis.max, 3.0);
    }

    fn months(n: usize) -> Vec<String> {
        ["4月", "5月", "6月", "7月"][..n]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn a_chart_shows_one_or_two_series() {
        let chart = BarChart {
            categories: months(2),
            ..BarChart::default()
        };
        assert_eq!(
            check(&chart),
            Err(ReportError::ChartSeriesCount { found: 0 })
        );
        let three = BarChart {
            categories: months(1),
            series: vec![Series::new("a", vec![1.0]); 3],
            ..BarChart::default()
        };
        assert_eq!(
            check(&three),
            Err(ReportError::ChartSeriesCount { found: 3 })
        );
    }

    #[test]
    fn every_series_has_one_value_per_category() {
        let chart = BarChart {
            categories: months(3),
            series: vec![Series::new("実績", vec![1.0, 2.0])],
            ..BarChart::default()
        };
        assert_eq!(
            check(&chart),
            Err(ReportError::ChartSeriesLength {
                series: "実績".into(),
                expected: 3,
                found: 2
            })
        );
    }

    #[test]
    fn negative_values_are_refused_with_their_month() {
        let chart = BarChart {
            categories: months(2),
            series: vec![Series::new("実績", vec![1.0, -2.0])],
            ..BarChart::default()
        };
        assert_eq!(
            check(&chart),
            Err(ReportError::ChartValueOutOfRange {
                series: "実績".into(),
                category: "5月".into(),
                value: -2.0
            })
        );
    }
}
