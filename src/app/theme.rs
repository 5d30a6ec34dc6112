//! The colour theme: the system's, or one chosen and remembered.

use leptos::prelude::*;

use crate::names::{DARK_THEME, LIGHT_THEME, THEME_ATTRIBUTE, THEME_KEY};
use crate::web::dom;

/// The colour theme: the system's, or one chosen and remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    /// The theme the button switches to.
    pub(super) fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// Its name, as the button says it.
    pub(super) fn label(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => LIGHT_THEME,
            Theme::Dark => DARK_THEME,
        }
    }

    /// Its name as stored and set on the page (`data-theme`): none for the
    /// system's.
    pub(super) fn stored(self) -> Option<&'static str> {
        (self != Theme::System).then(|| self.label())
    }

    /// Remembers it for the next visit.
    pub(super) fn save(self) {
        dom::save_setting(THEME_KEY, self.stored());
    }
}

/// The theme remembered from an earlier visit, as a signal; on Floor's own
/// page (`page`), the page's root follows it.
pub(super) fn remembered(page: bool) -> RwSignal<Theme> {
    let theme = RwSignal::new(load_theme());
    Effect::new(move || {
        let theme = theme.get();
        if page {
            dom::set_root_attribute(THEME_ATTRIBUTE, theme.stored());
        }
    });
    theme
}

fn load_theme() -> Theme {
    match dom::load_setting(THEME_KEY).as_deref() {
        Some(LIGHT_THEME) => Theme::Light,
        Some(DARK_THEME) => Theme::Dark,
        _ => Theme::System,
    }
}
