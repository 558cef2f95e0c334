/** JMH benchmarks of the toolkit; each has a Python peer in benchmarks/python run on the same inputs. */
package dev.plugbench.bench;
