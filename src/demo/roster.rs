//! The demo center's staff: the ten people of the plan on 2025-04-01 (8.2 FTE by allocation,
//! against the 8.4 the plan's text states) and the colleagues who left before, with who is the
//! main staff member of each client on each day.

use chrono::NaiveDate;

/// What a staff member mainly does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Post {
    Director,
    Employment,
    Life,
    Outreach,
}

/// One staff member: (FTE in thousandths, from, to inclusive) allocations in order.
pub(super) struct StaffDef {
    pub name: &'static str,
    pub kana: &'static str,
    /// The demo account linked to this staff row.
    pub login: Option<&'static str>,
    pub post: Post,
    pub allocations: &'static [(u32, NaiveDate, Option<NaiveDate>)],
    pub concurrent_post: &'static str,
}

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date in the demo roster"),
    }
}

/// The day the center opened (事業開始 平成19年4月1日).
pub(super) const OPENED: NaiveDate = ymd(2007, 4, 1);

pub(super) const STAFF: &[StaffDef] = &[
    StaffDef {
        name: "見本 一郎",
        kana: "ミホン イチロウ",
        login: Some("director"),
        post: Post::Director,
        allocations: &[(1000, OPENED, None)],
        concurrent_post: "就労支援コーディネーター兼務",
    },
    StaffDef {
        name: "試験 花子",
        kana: "シケン ハナコ",
        login: Some("shuro1"),
        post: Post::Employment,
        allocations: &[(1000, ymd(2009, 4, 1), None)],
        concurrent_post: "市内障害者施設販売促進事業担当兼務",
    },
    StaffDef {
        name: "模擬 三郎",
        kana: "モギ サブロウ",
        login: None,
        post: Post::Employment,
        allocations: &[(800, ymd(2012, 4, 1), None)],
        concurrent_post: "",
    },
    StaffDef {
        name: "例示 春子",
        kana: "レイジ ハルコ",
        login: None,
        post: Post::Employment,
        allocations: &[
            (1000, ymd(2016, 10, 1), Some(ymd(2020, 3, 31))),
            (800, ymd(2020, 4, 1), None),
        ],
        concurrent_post: "",
    },
    StaffDef {
        name: "標本 健太",
        kana: "ヒョウホン ケンタ",
        login: None,
        post: Post::Employment,
        allocations: &[(600, ymd(2021, 4, 1), None)],
        concurrent_post: "",
    },
    StaffDef {
        name: "架空 次郎",
        kana: "カクウ ジロウ",
        login: Some("seikatsu1"),
        post: Post::Life,
        allocations: &[(1000, OPENED, None)],
        concurrent_post: "",
    },
    StaffDef {
        name: "雛形 夏子",
        kana: "ヒナガタ ナツコ",
        login: None,
        post: Post::Life,
        allocations: &[(800, ymd(2011, 4, 1), None)],
        concurrent_post: "",
    },
    StaffDef {
        name: "仮置 秋子",
        kana: "カリオキ アキコ",
        login: None,
        post: Post::Life,
        allocations: &[(600, ymd(2018, 4, 1), None)],
        concurrent_post: "",
    },
    StaffDef {
        name: "想定 冬子",
        kana: "ソウテイ フユコ",
        login: None,
        post: Post::Life,
        allocations: &[(600, ymd(2023, 4, 1), None)],
        concurrent_post: "",
    },
    StaffDef {
        name: "試作 翔太",
        kana: "シサク ショウタ",
        login: None,
        post: Post::Outreach,
        allocations: &[(1000, ymd(2019, 4, 1), None)],
        concurrent_post: "",
    },
    StaffDef {
        name: "草案 梅子",
        kana: "ソウアン ウメコ",
        login: None,
        post: Post::Employment,
        allocations: &[(1000, OPENED, Some(ymd(2016, 9, 30)))],
        concurrent_post: "",
    },
    StaffDef {
        name: "習作 竹夫",
        kana: "シュウサク タケオ",
        login: None,
        post: Post::Life,
        allocations: &[(1000, OPENED, Some(ymd(2011, 3, 31)))],
        concurrent_post: "",
    },
    StaffDef {
        name: "演習 由美",
        kana: "エンシュウ ユミ",
        login: None,
        post: Post::Employment,
        allocations: &[(800, ymd(2008, 4, 1), Some(ymd(2021, 3, 31)))],
        concurrent_post: "",
    },
    StaffDef {
        name: "下書 誠",
        kana: "シタガキ マコト",
        login: None,
        post: Post::Life,
        allocations: &[(800, ymd(2010, 4, 1), Some(ymd(2018, 3, 31)))],
        concurrent_post: "",
    },
    StaffDef {
        name: "素案 大輔",
        kana: "ソアン ダイスケ",
        login: None,
        post: Post::Life,
        allocations: &[(600, ymd(2011, 4, 1), Some(ymd(2023, 3, 31)))],
        concurrent_post: "",
    },
];

impl StaffDef {
    pub fn joined(&self) -> NaiveDate {
        self.allocations[0].1
    }

    /// The last working day, if the person has left.
    pub fn left(&self) -> Option<NaiveDate> {
        self.allocations[self.allocations.len() - 1].2
    }

    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.joined() <= day && self.left().is_none_or(|l| l >= day)
    }

    /// The allocation's role as stored (`fte_allocations.role`).
    pub fn role(&self) -> &'static str {
        match self.post {
            Post::Director => "director",
            Post::Employment => "employment_coordinator",
            Post::Life => "life_coordinator",
            Post::Outreach => "outreach_coordinator",
        }
    }

    /// Whether the person takes clients as main staff (主担当).
    pub fn takes_clients(&self) -> bool {
        self.post != Post::Outreach
    }
}

/// Staff (indices into [`STAFF`]) who take clients and work on `day`.
pub(super) fn caseworkers_on(day: NaiveDate) -> Vec<u8> {
    STAFF
        .iter()
        .enumerate()
        .filter(|(_, s)| s.takes_clients() && s.active_on(day))
        .map(|(i, _)| i as u8)
        .collect()
}

/// Every staff member working on `day`.
pub(super) fn staff_on(day: NaiveDate) -> Vec<u8> {
    STAFF
        .iter()
        .enumerate()
        .filter(|(_, s)| s.active_on(day))
        .map(|(i, _)| i as u8)
        .collect()
}

/// A client's main staff over time: (from, staff) steps. The first is chosen when the client
/// registers; when that person leaves, the client passes to a colleague.
pub(super) fn main_staff_steps(
    from: NaiveDate,
    until: NaiveDate,
    choice: usize,
) -> Vec<(NaiveDate, u8)> {
    let mut steps = Vec::new();
    let mut day = from;
    loop {
        let pool = caseworkers_on(day);
        let Some(&staff) = pool.get(choice % pool.len().max(1)) else {
            return steps;
        };
        steps.push((day, staff));
        match STAFF[staff as usize].left() {
            Some(left) if left < until => day = left.succ_opt().unwrap_or(left),
            _ => return steps,
        }
    }
}

/// The main staff on `day` from [`main_staff_steps`].
pub(super) fn main_staff_on(steps: &[(NaiveDate, u8)], day: NaiveDate) -> Option<u8> {
    steps
        .iter()
        .take_while(|(from, _)| *from <= day)
        .last()
        .or(steps.first())
        .map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_day_has_ten_staff_and_eight_point_two_fte_by_allocation() {
        let day = ymd(2025, 4, 1);
        let working: Vec<&StaffDef> = STAFF.iter().filter(|s| s.active_on(day)).collect();
        assert_eq!(working.len(), 10);
        let fte: u32 = working
            .iter()
            .flat_map(|s| s.allocations.iter())
            .filter(|(_, from, to)| *from <= day && to.is_none_or(|t| t >= day))
            .map(|(milli, _, _)| milli)
            .sum();
        assert_eq!(fte, 8200);
        let count = |post| working.iter().filter(|s| s.post == post).count();
        assert_eq!(
            (
                count(Post::Director),
                count(Post::Employment),
                count(Post::Life),
                count(Post::Outreach)
            ),
            (1, 4, 4, 1)
        );
    }

    #[test]
    fn every_day_since_opening_has_someone_to_take_clients() {
        let mut day = OPENED;
        while day < ymd(2030, 1, 1) {
            assert!(!caseworkers_on(day).is_empty(), "{day}");
            day = day + chrono::Days::new(30);
        }
    }
}
