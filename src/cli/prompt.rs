//! Secrets from the environment (scripts, tests) or an echo-free prompt.

use zeroize::Zeroizing;

use hotto::error::{fields, Problem};
use hotto::CoreError;

/// The secret in `$var`, else asked for without echo.
pub fn password(var: &str, prompt: &str) -> Result<Zeroizing<String>, CoreError> {
    if let Ok(value) = std::env::var(var) {
        return Ok(Zeroizing::new(value));
    }
    rpassword::prompt_password(prompt)
        .map(Zeroizing::new)
        .map_err(|_| {
            CoreError::invalid(
                fields::PASSWORD,
                Problem::Format("no terminal to ask on: set the environment variable"),
            )
        })
}

/// A new secret: `$var`, else asked twice without echo and compared.
pub fn new_password(var: &str, what: &str) -> Result<Zeroizing<String>, CoreError> {
    if let Ok(value) = std::env::var(var) {
        return Ok(Zeroizing::new(value));
    }
    let first = password(var, &format!("New {what}: "))?;
    let second = password(var, &format!("Repeat the new {what}: "))?;
    if *first != *second {
        return Err(CoreError::invalid(fields::PASSWORD, Problem::Mismatch));
    }
    Ok(first)
}
