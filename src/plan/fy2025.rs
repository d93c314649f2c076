//! The reference center's 令和7年度 plan, entered as its 事業計画書 states it: the narrative
//! copied section by section (the PDF extraction's list markers removed), and the numbers the
//! text states — including its 8.4 FTE total, which its own role lines (8.2) do not add up to.

use chrono::NaiveDate;

use super::programme::{write_duties, write_programme};
use super::sections::{write_section, SectionKey};
use super::{
    insert_plan, write_hours, write_staffing, write_stated, write_targets, DisasterDuty,
    DisasterDutyKind, MeetingPlan, OpeningHours, PlannedSession, StaffingLine, StatedNumbers,
    Targets,
};
use crate::calendar::FiscalYear;
use crate::ids::PlanId;
use crate::meetings::MeetingKind;
use crate::session::Session;
use crate::staff::{Fte, StaffRole};
use crate::store::Store;
use crate::Result;

/// Enters the 令和7年度 plan of the reference center (director only); refuses when FY2025
/// already has a plan, so that a director's edits are never overwritten.
pub fn seed_plan_fy2025(store: &mut Store, actor: &Session) -> Result<PlanId> {
    actor.require_director("create a plan")?;
    let fy = FiscalYear(2025);
    store.write(actor, |tx| {
        let id = insert_plan(tx, fy)?;
        write_targets(tx, &id, &TARGETS_FY2025)?;
        write_stated(tx, &id, &stated())?;
        write_hours(tx, &id, &hours())?;
        write_staffing(tx, &id, &staffing())?;
        write_programme(tx, &id, &programme())?;
        write_duties(tx, &id, &duties())?;
        for (key, title, body) in sections() {
            write_section(tx, &id, key, title, body)?;
        }
        tx.audit(
            "plan.create",
            "plan",
            Some(id.as_str()),
            "plan of fiscal year 2025 entered from the reference plan",
        )?;
        Ok(id)
    })
}

/// 今年度実績目標数.
const TARGETS_FY2025: Targets = Targets {
    new_inquiries: 100,
    new_registrations: 50,
    new_employed: 50,
    registered_end: 700,
    continuing_end: 450,
};

fn stated() -> StatedNumbers {
    StatedNumbers {
        staff_count: Some(10),
        total_fte: Some(Fte::from_milli(8400)),
        staffing_as_of: NaiveDate::from_ymd_opt(2025, 4, 1),
        figures_as_of: NaiveDate::from_ymd_opt(2024, 12, 31),
        registered: Some(666),
        continuing: Some(452),
    }
}

fn hours() -> OpeningHours {
    OpeningHours {
        weekday: "10:00～19:00".to_string(),
        saturday: "12:00～17:00".to_string(),
        dropin: "17:00～19:00".to_string(),
    }
}

fn staffing() -> Vec<StaffingLine> {
    let line = |role, head_count, milli, note: &str| StaffingLine {
        role,
        head_count,
        fte: Fte::from_milli(milli),
        note: note.to_string(),
    };
    vec![
        line(StaffRole::Director, 1, 1000, "就労支援コーディネーター兼務"),
        line(
            StaffRole::EmploymentCoordinator,
            4,
            3200,
            "市内障害者施設販売促進事業担当兼務",
        ),
        line(StaffRole::LifeCoordinator, 4, 3000, ""),
        line(StaffRole::OutreachCoordinator, 1, 1000, ""),
    ]
}

fn programme() -> Vec<MeetingPlan> {
    let session = |month, topic: &str| PlannedSession {
        month,
        topic: topic.to_string(),
    };
    let schools = "東京障害者職業センター多摩支所、特別支援学校における就労支援の取り組み";
    vec![
        MeetingPlan {
            kind: MeetingKind::Liaison,
            per_year: 5,
            note: "市内の一般就労への支援に取り組む事業所、相談支援センター、小平市障がい者支援課など22か所".to_string(),
            sessions: vec![
                session(
                    5,
                    "令和6年度のほっと実施事業の報告（相談状況、登録者・就労者状況、委託事業の実績など）",
                ),
                session(7, schools),
                session(9, "企業における障害者雇用への取り組み"),
                session(11, schools),
                session(1, "実際に就業している方の体験談"),
            ],
        },
        MeetingPlan {
            kind: MeetingKind::Meetup,
            per_year: 7,
            note: String::new(),
            sessions: Vec::new(),
        },
        MeetingPlan {
            kind: MeetingKind::Drill,
            per_year: 2,
            note: "建物防災責任者の指揮のもとに実施".to_string(),
            sessions: Vec::new(),
        },
        MeetingPlan {
            kind: MeetingKind::StaffMeeting,
            per_year: 12,
            note: "毎月（月次試算結果、研修内容の報告）".to_string(),
            sessions: Vec::new(),
        },
    ]
}

fn duties() -> Vec<DisasterDuty> {
    let duty = |duty, assigned_to: &str| DisasterDuty {
        duty,
        assigned_to: assigned_to.to_string(),
    };
    vec![
        duty(DisasterDutyKind::Command, "建物防災責任者"),
        duty(
            DisasterDutyKind::Liaison,
            "就労支援コーディネーター、地域開拓促進コーディネーター",
        ),
        duty(DisasterDutyKind::Rescue, "生活支援コーディネーター"),
    ]
}

/// The sections with the titles the plan prints (empty: the standard title) and their text.
fn sections() -> [(SectionKey, &'static str, &'static str); 11] {
    [
        (SectionKey::Introduction, "", INTRODUCTION),
        (SectionKey::Outline, "", OUTLINE),
        (SectionKey::Philosophy, "", PHILOSOPHY),
        (SectionKey::Policy, "", POLICY),
        (SectionKey::Services, "", SERVICES),
        (SectionKey::Partners, "", PARTNERS),
        (
            SectionKey::Priorities,
            "令和7年度重点課題・目標",
            PRIORITIES,
        ),
        (SectionKey::Hours, "", HOURS),
        (SectionKey::Targets, "今年度実績目標数", TARGETS),
        (SectionKey::Disaster, "", DISASTER),
        (SectionKey::Funding, "", FUNDING),
    ]
}

const INTRODUCTION: &str = r#"官公庁や企業の法定雇用率順守を念頭に置いた障害者雇用の求人の増加など支援現場において、近年の障害者雇用に関する施策の拡充の影響を感じる事が多い。また、これを受けてか相談者にも一般就労希望者が増えている。

一方で、企業就労を希望する相談者と、企業の求める雇用者像の相違が大きいと感じている。相談者の多くは体調不良への理解等企業側の配慮への期待が大きく、企業側は勤怠の安定と即戦力となる人材を求める傾向にある。このような中で、障害者雇用を早急に進めようとする企業側の姿勢や相談者の経済的事情などが影響し、精神疾患のある方を中心に、就労アセスメントや職業準備支援が不十分なまま就労し、早期に離職するケースも散見されている。就労希望者一人ひとりが安定した企業就労を果たすには、就労に向けたアセスメントと丁寧な職業準備、求職活動段階でのマッチング、そして長期的な職場定着という一貫した支援が重要と考えており、就労希望者に対して十分な職業準備支援の重要性を説明し、職業訓練校や障害福祉サービス等の社会資源を活用した就労準備を提案していく。

ほっとが支援している就労者数は年々増加しているが、特に精神疾患のある方の就労者数の増加が顕著である。一方で、就職者数の増加に職場定着の支援体制の整備が追いつかない状況が毎年続いている。限られたスタッフでいかに効率的かつ効果的に課題解決や予防的措置を講じていけるかが、毎年の大きなテーマである。

また、同様に長年の課題として生活リズムの改善や気持ちの安定化などに対する支援が必要な相談者の増加が挙げられる。相談者1人ひとりの希望する支援ニーズにていねいに対応するため、関係機関（福祉、教育、医療）との協力・連携体制の充実を図るとともに、職員の相談支援スキルの向上や業務の効率化にも継続して取り組んでいく。"#;

const OUTLINE: &str = r#"1) 施設名 小平市障害者就労・生活支援センター ほっと
2) 事業種別 区市町村障害者就労支援事業
3) 所在地 小平市大沼町2-1-3 未来ワークセンターI内
4) 経営主体 社会福祉法人 未来
5) 利用登録者数 666名（令和6年12月31日現在）
6) 継続就労者数 452名（令和6年12月31日現在）
7) 法人認可年月日 平成14年12月11日
8) 事業開始年月日 平成19年4月1日
9) 職員 10名（令和7年4月1日現在） 常勤換算8.4名
　・施設長 1名（就労支援コーディネーター兼務、常勤換算1.0名）
　・就労支援コーディネーター 4名（常勤換算3.2名）
　　（市内障害者施設販売促進事業担当兼務）
　・生活支援コーディネーター 4名（常勤換算3.0名）
　・地域開拓促進コーディネーター 1名（常勤換算1.0名）"#;

const PHILOSOPHY: &str = r#"一人ひとりの自己実現の支援
互いの尊厳の尊重と信頼関係の構築
安心と希望の持てる生活"#;

const POLICY: &str = r#"就労に関する相談および支援を希望する障害のある方、障害者雇用に関する相談および支援を希望する事業者を対象とし、相談者の個々のニーズに応じた支援・助言を行う。"#;

const SERVICES: &str = r#"1) 相談 (来所および電話)
　(1) 就労および生活全般に関する相談の受付
　(2) 就労支援機関および障害福祉サービス事業所の説明・紹介
　(3) その他、相談者のニーズに応じた情報提供
2) 就労支援
　(1) 相談者、家族の就労・生活支援に関するニーズの聞き取りと把握
　(2) 障害福祉サービス事業所および関係機関の見学、同行、実習等の支援
　(3) 企業面接および実習への同行支援
　(4) 就労後の職場定着・継続のための支援
　(5) 特別支援学校、職業訓練校新卒就労者の就労先企業との支援引き継ぎによる連携
　(6) 離職に向けた支援、退職後の支援
3) 生活支援
　(1) 暮らし全般にわたる支援
　(2) 金銭管理、住居、余暇活動、各種手続きに関する支援
4) 企業支援
　(1) 障害者雇用への理解・啓発、情報提供
　(2) 就労・生活支援センターの業務・役割の説明
　(3) 就労者一人ひとりに応じた具体的支援の提案
5) その他
　(1) 小平市役所庁舎内実習 (業務委託)
　(2) 多摩済生園での企業内訓練事業 (業務委託)
　(3) 市内障害者施設製品販売促進事業 (業務委託)
　(4) 市報こだいらの広報ボックス配布事業 (業務委託)
　(5) 支援センター内交流スペースの開設
　(6) 就労者交流会の開催 (年7回)
　(7) ほっと就労支援連絡会の実施 (年5回)
　(8) 地域開拓促進コーディネーターによる地域企業開拓
　(9) 小平市就労・生活支援センターのPR、「ほっと通信」の発行"#;

const PARTNERS: &str = r#"1) 小平市役所、小平市地域自立支援協議会
2) 障害福祉サービス事業所
3) 地域生活支援センターあさやけ、障がい者地域自立生活支援センターひびき
4) 小平商工会
5) 権利擁護センターこだいら、NPO法人あらかると
6) ハローワーク立川専門援助部門・雇用指導官および登録者居住地域のハローワーク
7) 東京障害者職業センター多摩支所
8) 登録者就労先企業・事業所
9) 特別支援学校、定時制高校、サポート校などの教育機関
10) 東京都立多摩総合精神保健福祉センター、多摩小平保健所
11) 国立精神・神経医療センター病院などの関係医療機関
12) 都内就業・生活支援センター及び就労・生活支援センター
13) 国立職業リハビリテーションセンター、東京障害者職業能力開発校などの職業訓練校
14) その他個別の支援に必要と思われる機関"#;

const PRIORITIES: &str = r#"1) 活動

(1) 生活リズムの構築・不安の解消など、相談者の生活充実のための支援

① 面談、電話相談等による相談者との関係構築、支援方針の共有
② 職員間の情報共有等による重層的、効率的な支援の実施
③ 医療的なアプローチが必要な相談者の通院同行等の実施
④ 障害福祉サービス事業所等関係機関とのケース会議の実施

(2) 相談者の現状やニーズに合わせた職業準備支援の実施

職業準備が必要な相談者に対して、一人ひとりの現状やニーズを把握し、本人の希望する就労に向けて就業能力、社会性、ストレス耐性など職業生活を続けていくうえで必要な力を伸ばすため、障害福祉サービス事業所や企業内訓練など、その人にあった職業準備支援を紹介し、事業所等と連携し支援を行う。

(3) 求職者のための就労支援の実施

一般企業等への就労希望者に対して、ていねいなマッチングを図り就職のための支援を実施する。また、本人のニーズや必要性に応じて、ハローワークでの求人検索同行、応募書類の書き方の助言、面接・実習同行を実施する。

(4) 定着・継続支援の充実

① 効率的・効果的な支援の実施

職場定着初期段階の新規就労者や課題が見られる相談者については、職場訪問など集中的に支援を実施する。

② 課題に対する予防的措置

相談者や企業への訪問、電話連絡等により課題の早期発見対応に努める。また、相談等なく、一定期間状況把握ができていない相談者については、電話連絡等で近況の確認を行う。

③ 企業の理解促進

障害者雇用への理解と協力のため、情報発信を行うと共に企業と密に意思疎通を図る。

(5) 就労定着支援事業所からの支援引継ぎによる連携

平成30年度にスタートした障害福祉サービス事業の就労定着支援事業所の支援期間満了者（就職後3年6か月）が増えている。就労定着支援事業所より支援引継ぎ依頼があった際は、対象者の就労状況の確認や課題の整理を行い、安定した就労が継続できるよう支援を実施する。

(6) 地域の社会資源、就労支援関係機関との連携

市内の障害者の就労が進むよう、関係機関とのネットワークを強化するため、「ほっと就労支援連絡会」を年5回実施する。

【参加機関】市内の一般就労への支援に取り組む事業所、相談支援センター、小平市障がい者支援課など22か所

【内 容】 5月 ・ ・ 令和6年度のほっと実施事業の報告
(相談状況、登録者・就労者状況、委託事業の実績など)
7月、11月 ・ ・ 東京障害者職業センター多摩支所、特別支援学校における就労支援の取り組み
9月 ・ ・ 企業における障害者雇用への取り組み
1月 ・ ・ 実際に就業している方の体験談

2) 人材育成

(1) 全職員・相談支援スキルの向上

① 相談しやすい雰囲気、傾聴する姿勢を持ち、信頼関係の構築を図る。
② 職員間の情報共有を強化し、一人の相談者に複数の職員が対応可能な体制を促進することで支援の効率化を図る。
③ 障害者雇用にかかわる法制度や地域の社会資源について学習する。
④ 精神疾患・発達障害のある方への支援に関する研修（オンラインを含む）に参加し、その内容について職員会議で報告する。

(2) 経営に関する知識の習得

月次試算結果を毎月の職員会議で報告し、全職員の経営への関心度の向上をはかる。

3) 経営管理

(1) 月次試算結果から経営状態を把握し、計画的な予算執行を行う。

(2) 節電、消耗品の在庫管理等によりコスト削減に取り組む。

(3) 市内の相談支援センターと協力して市へ委託費の増額要請を行う。"#;

const HOURS: &str = r#"<月曜日～金曜日>
相談時間 10:00～19:00
交流スペース 17:00～19:00
<第2・第4土曜日>
相談時間 12:00～17:00"#;

const TARGETS: &str = r#"新規相談者数 100名
うち、新規登録者数 50名
新規就労者数 50名
年度終了時点での登録者数 700名
年度終了時点での継続就労者数 450名"#;

const DISASTER: &str = r#"建物防災責任者の指揮のもとに、非常災害訓練を年2回実施する。

総指揮 建物防災責任者
連絡担当 就労支援コーディネーター、地域開拓促進コーディネーター
救助担当 生活支援コーディネーター"#;

const FUNDING: &str = r#"通常の運営経費は、委託費でまかなう。"#;
