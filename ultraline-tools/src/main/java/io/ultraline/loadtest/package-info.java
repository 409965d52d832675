/**
 * The load test: a scenario file describes cameras, rates, frames, processor instances and an
 * optional kill; the runner starts (or reaches) a broker and a registry, launches the processor
 * instances as separate JVMs, drives an open-loop camera generator, measures capture-to-verdict
 * latency, throughput, dead letters, consumer lag and resident memory each second, proves exactly
 * one outcome per produced frame, and writes results JSON and PNG plots.
 */
package io.ultraline.loadtest;
