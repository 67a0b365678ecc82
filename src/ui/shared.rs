//! [`Shared`]: an `Rc` in component props, compared by pointer.
//!
//! The store and the app's memos make a new `Rc` whenever the value
//! changes, so the same pointer means the same value: props can derive
//! `PartialEq` and still compare the whole state or the analysis in O(1),
//! with no field left out of the comparison.

use std::ops::Deref;
use std::rc::Rc;

use yew::html::IntoPropValue;

/// An `Rc` whose equality is pointer equality.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> IntoPropValue<Shared<T>> for Rc<T> {
    fn into_prop_value(self) -> Shared<T> {
        Shared(self)
    }
}
