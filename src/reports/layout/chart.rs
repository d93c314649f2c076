//! Vertical bar charts for monthly figures: categories along the bottom (4月 … 3月), one or two
//! series side by side (e.g. actual against target) with a legend, a value axis with a few
//! round ticks and light grid lines, and optionally each value above its bar. Colours are
//! chosen to stay distinct when printed in black and white.

use super::canvas::{baseline_in, mm, Align, Canvas, Ink};
use super::font::ReportFont;
use super::number;
use super::page::Report;
use crate::reports::ReportError;

const TITLE_SIZE: f32 = 10.0;
const LABEL_SIZE: f32 = 8.0;
const VALUE_SIZE: f32 = 7.0;
const MIN_VALUE_SIZE: f32 = 5.0;
const GAP_AFTER_MM: f32 = 4.0;

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

/// The decimals a tick label needs to show `step` exactly (0.25 needs two).
fn step_decimals(step: f64) -> usize {
    (0..4)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(4)
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

/// Where the parts of a chart go on the page.
struct Frame {
    top: f32,
    left: f32,
    right: f32,
    title_height: f32,
    plot_left: f32,
    plot_top: f32,
    plot_bottom: f32,
    axis: Axis,
}

impl Frame {
    fn y_of(&self, value: f64) -> f32 {
        let height = self.plot_bottom - self.plot_top;
        self.plot_bottom - (value / self.axis.max) as f32 * height
    }
}

/// The value axis: ticks with their labels, and the unit shown above them.
struct ValueAxis {
    axis: Axis,
    ticks: Vec<(f64, String)>,
    unit: String,
}

impl ValueAxis {
    fn new(chart: &BarChart) -> ValueAxis {
        let values = || chart.series.iter().flat_map(|s| s.values.iter().copied());
        let largest = values().fold(0.0, f64::max);
        let whole = values().all(|v| v.fract() == 0.0);
        let axis = nice_axis(largest, whole && chart.decimals == 0);
        let decimals = step_decimals(axis.step).max(chart.decimals);
        let ticks = (0..)
            .map(|i| f64::from(i) * axis.step)
            .take_while(|t| *t <= axis.max + axis.step / 1000.0)
            .map(|t| (t, label(t, decimals)))
            .collect();
        let unit = if chart.unit.is_empty() {
            String::new()
        } else {
            format!("（{}）", chart.unit)
        };
        ValueAxis { axis, ticks, unit }
    }

    /// Width of the widest label left of the axis.
    fn label_width(&self, font: &ReportFont) -> f32 {
        self.ticks
            .iter()
            .map(|(_, text)| font.text_width(text, LABEL_SIZE))
            .fold(font.text_width(&self.unit, LABEL_SIZE), f32::max)
    }
}

/// Draws `chart` at the cursor of `doc`, on a new page if it does not fit on this one.
pub(super) fn draw(doc: &mut Report, chart: &BarChart) -> Result<(), ReportError> {
    check(chart)?;
    let font = doc.font();
    let title_height = TITLE_SIZE * 1.6;
    let mut value_room = if chart.show_values {
        VALUE_SIZE * 1.5
    } else {
        mm(2.0)
    };
    if !chart.unit.is_empty() {
        value_room = value_room.max(LABEL_SIZE * 1.3 + mm(1.5));
    }
    let plot_height = mm(chart.height_mm.max(20.0));
    let height = title_height + value_room + plot_height + LABEL_SIZE * 1.8;
    doc.ensure_room(height + mm(GAP_AFTER_MM));

    let value_axis = ValueAxis::new(chart);
    let top = doc.cursor();
    let left = Report::body_left();
    let plot_top = top + title_height + value_room;
    let frame = Frame {
        top,
        left,
        right: Report::body_right(),
        title_height,
        plot_left: left + value_axis.label_width(font) + mm(2.5),
        plot_top,
        plot_bottom: plot_top + plot_height,
        axis: value_axis.axis,
    };
    let canvas = doc.canvas();
    title_and_legend(canvas, chart, &frame);
    grid_and_ticks(canvas, &value_axis, &frame);
    bars(canvas, chart, &frame);
    let (plot_left, bottom) = (frame.plot_left, frame.plot_bottom);
    canvas.line(
        (plot_left, frame.plot_top - mm(1.0)),
        (plot_left, bottom),
        0.6,
        Ink::Black,
    );
    canvas.line((plot_left, bottom), (frame.right, bottom), 0.8, Ink::Black);

    doc.advance(height);
    doc.space(GAP_AFTER_MM);
    Ok(())
}

/// The title on the left of the top line, the legend on its right.
fn title_and_legend(canvas: &mut Canvas, chart: &BarChart, frame: &Frame) {
    let font = canvas.font();
    let baseline = baseline_in(font, frame.top, frame.title_height, TITLE_SIZE);
    canvas.text(frame.left, baseline, TITLE_SIZE, Ink::Black, &chart.title);
    let swatch = mm(3.0);
    let mut right = frame.right;
    for (series, (fill, outline)) in chart.series.iter().zip(SERIES_INK).rev() {
        let text_left = right - font.text_width(&series.name, LABEL_SIZE);
        let baseline = baseline_in(font, frame.top, frame.title_height, LABEL_SIZE);
        canvas.text(text_left, baseline, LABEL_SIZE, Ink::Black, &series.name);
        let swatch_left = text_left - mm(1.2) - swatch;
        let swatch_top = frame.top + (frame.title_height - swatch) / 2.0;
        canvas.fill_rect(swatch_left, swatch_top, swatch, swatch, fill);
        canvas.stroke_rect(swatch_left, swatch_top, swatch, swatch, 0.4, outline);
        right = swatch_left - mm(4.0);
    }
}

/// Light horizontal lines at each tick, the tick labels and the unit left of the axis.
fn grid_and_ticks(canvas: &mut Canvas, value_axis: &ValueAxis, frame: &Frame) {
    let labels = (frame.left, frame.plot_left - mm(1.5));
    for (tick, text) in &value_axis.ticks {
        let y = frame.y_of(*tick);
        if *tick > 0.0 {
            canvas.line((frame.plot_left, y), (frame.right, y), 0.3, Ink::Grey(0.8));
        }
        let baseline = y + LABEL_SIZE * 0.35;
        canvas.aligned_text(
            labels,
            Align::Right,
            baseline,
            LABEL_SIZE,
            Ink::Grey(0.2),
            text,
        );
    }
    let baseline = frame.plot_top - mm(2.0);
    let unit = &value_axis.unit;
    canvas.aligned_text(
        labels,
        Align::Right,
        baseline,
        LABEL_SIZE,
        Ink::Grey(0.3),
        unit,
    );
}

/// Font size at which the widest of `texts` fits in `room`: `size`, or smaller.
fn fitting_size(font: &ReportFont, texts: &[&str], size: f32, room: f32) -> f32 {
    let widest = texts
        .iter()
        .map(|t| font.text_width(t, size))
        .fold(0.0, f32::max);
    if widest > room {
        size * room / widest
    } else {
        size
    }
}

/// The bars of each category side by side, their values above them and the category below.
fn bars(canvas: &mut Canvas, chart: &BarChart, frame: &Frame) {
    let font = canvas.font();
    let series_count = chart.series.len() as f32;
    let group_width = (frame.right - frame.plot_left) / chart.categories.len().max(1) as f32;
    let bars_width = group_width * 0.7;
    let bar_width = bars_width / series_count;
    let value_labels: Vec<Vec<String>> = chart
        .series
        .iter()
        .map(|s| s.values.iter().map(|v| label(*v, chart.decimals)).collect())
        .collect();
    let all_values: Vec<&str> = value_labels.iter().flatten().map(String::as_str).collect();
    let room_per_value = bar_width + (group_width - bars_width) / series_count;
    let value_size = fitting_size(font, &all_values, VALUE_SIZE, room_per_value);
    let categories: Vec<&str> = chart.categories.iter().map(String::as_str).collect();
    let category_size = fitting_size(font, &categories, LABEL_SIZE, group_width * 0.95);
    let label_height = LABEL_SIZE * 1.8;
    for (g, category) in chart.categories.iter().enumerate() {
        let group_left = frame.plot_left + group_width * g as f32;
        let bars_left = group_left + (group_width - bars_width) / 2.0;
        for (s, (series, (fill, outline))) in chart.series.iter().zip(SERIES_INK).enumerate() {
            let x = bars_left + bar_width * s as f32;
            let y = frame.y_of(series.values[g]);
            let height = frame.plot_bottom - y;
            if height > 0.0 {
                canvas.fill_rect(x, y, bar_width, height, fill);
                canvas.stroke_rect(x, y, bar_width, height, 0.4, outline);
            }
            if chart.show_values && value_size >= MIN_VALUE_SIZE {
                let baseline = y - value_size * 0.45;
                let span = (x - bar_width, x + 2.0 * bar_width);
                let text = &value_labels[s][g];
                canvas.aligned_text(span, Align::Center, baseline, value_size, Ink::Black, text);
            }
        }
        let baseline = baseline_in(
            font,
            frame.plot_bottom + mm(0.5),
            label_height,
            category_size,
        );
        let span = (group_left, group_left + group_width);
        canvas.aligned_text(
            span,
            Align::Center,
            baseline,
            category_size,
            Ink::Black,
            category,
        );
    }
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
    fn tick_labels_get_the_decimals_their_step_needs() {
        assert_eq!(step_decimals(100.0), 0);
        assert_eq!(step_decimals(0.5), 1);
        assert_eq!(step_decimals(0.25), 2);
        assert_eq!(step_decimals(nice_axis(0.9, false).step), 1);
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
