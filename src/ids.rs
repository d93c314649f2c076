//! Random, time-sortable row keys (UUIDv7 as text).
//!
//! Several PCs write to their own copy of the data and later merge changesets,
//! so no table may use an autoincrement key: two PCs would hand out the same one.

/// A new UUIDv7 in its canonical 36-character text form.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Whether `s` is a canonical UUID text (the shape of every key we hand out).
pub fn is_id(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::parse_str(s).is_ok()
}

/// Declares a typed id: a UUIDv7 text that cannot be mixed up with another kind's id.
#[macro_export]
macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// A fresh id.
            pub fn new() -> Self {
                $name($crate::ids::new_id())
            }

            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                String::column_result(value).map($name)
            }
        }
    };
}

/// Declares an enum stored as snake_case text, with its Japanese labels.
///
/// ```ignore
/// db_enum! { /// 相談の方法
///     Channel { Visit = "visit" / "来所", Phone = "phone" / "電話" } }
/// ```
#[macro_export]
macro_rules! db_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $db:literal / $ja:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value stored in the database.
            pub fn as_db(self) -> &'static str {
                match self { $($name::$variant => $db),+ }
            }

            /// Parses the stored value.
            pub fn from_db(s: &str) -> Option<Self> {
                match s { $($db => Some($name::$variant),)+ _ => None }
            }

            /// The Japanese label shown in the app and reports.
            pub fn label_ja(self) -> &'static str {
                match self { $($name::$variant => $ja),+ }
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_db()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_db(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} value", stringify!($name)).into(),
                ))
            }
        }
    };
}

// The ids of every aggregate, declared here once.
typed_id!(
    /// A staff member (職員).
    StaffId
);
typed_id!(
    /// An FTE allocation (常勤換算の配置).
    AllocationId
);
typed_id!(
    /// A client (相談者・利用登録者).
    ClientId
);
typed_id!(
    /// A registration period of a client.
    RegistrationId
);
typed_id!(
    /// A partner organization (関係機関).
    PartnerId
);
typed_id!(
    /// An employer (企業・事業所).
    EmployerId
);
typed_id!(
    /// A consultation (相談).
    ConsultationId
);
typed_id!(
    /// A support record (支援記録).
    SupportRecordId
);
typed_id!(
    /// An employer-support record (企業支援).
    EmployerSupportId
);
typed_id!(
    /// An employment (就労).
    EmploymentId
);
typed_id!(
    /// A hand-over from a job-retention service provider (支援引継ぎ).
    HandoverId
);
typed_id!(
    /// A retention follow-up (定着フォロー).
    FollowUpId
);
typed_id!(
    /// An employer-development prospect (地域開拓の候補企業).
    ProspectId
);
typed_id!(
    /// A client flag (注意フラグ).
    FlagId
);
typed_id!(
    /// A kind of client flag.
    FlagKindId
);
typed_id!(
    /// An attachment (添付ファイル).
    AttachmentId
);
typed_id!(
    /// A consent to share information (情報提供の同意).
    ConsentId
);
typed_id!(
    /// A meeting or event (会議・行事).
    MeetingId
);
typed_id!(
    /// A staff training (研修).
    TrainingId
);
typed_id!(
    /// A commissioned project (委託事業).
    CommissionId
);
typed_id!(
    /// A metric of a commissioned project.
    MetricId
);
typed_id!(
    /// An annual plan (事業計画).
    PlanId
);
typed_id!(
    /// A budget line (予算科目).
    BudgetLineId
);
typed_id!(
    /// A newsletter issue (ほっと通信).
    NewsletterId
);

#[cfg(test)]
mod macro_tests {
    crate::typed_id!(
        /// A test id.
        ThingId
    );
    crate::db_enum!(
        /// A test enum.
        Colour { Red = "red" / "赤", DeepBlue = "deep_blue" / "青" }
    );

    #[test]
    fn enums_round_trip_through_their_stored_text_and_serde() {
        for &c in Colour::ALL {
            assert_eq!(Colour::from_db(c.as_db()), Some(c));
        }
        assert_eq!(
            serde_json::to_string(&Colour::DeepBlue).unwrap(),
            "\"deep_blue\""
        );
        assert_eq!(Colour::Red.label_ja(), "赤");
        assert!(super::is_id(ThingId::new().as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_unique_and_sort_by_creation_time() {
        let a = new_id();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = new_id();
        assert!(is_id(&a) && is_id(&b));
        assert!(a < b);
    }
}
