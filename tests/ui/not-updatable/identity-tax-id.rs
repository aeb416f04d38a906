// `tax_id` cannot be changed after creation (seed 002): the entity type has no such field.
use mutaspec_generated::payments::update_identity::Entity;

fn main() {
    let mut entity = Entity::default();
    entity.tax_id = Some(String::from("123-45-6789"));
}
