pub mod initialize;
pub mod register_node;
