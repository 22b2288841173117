pub mod initialize;
