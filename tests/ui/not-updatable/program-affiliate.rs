// `programAffiliate` cannot be updated (seed 000): the request type has no such field.
use mutaspec_generated::banking::update_customer::UpdateCustomerRequest;

fn main() {
    let _ = UpdateCustomerRequest { program_affiliate: None, ..Default::default() };
}
