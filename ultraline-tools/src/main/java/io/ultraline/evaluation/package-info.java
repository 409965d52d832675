/**
 * Measuring the method on labelled datasets (issue 23: kept apart from the inspection the service
 * runs): {@code evaluate}'s detection, region and concept scorecards, the raw-pixel baseline, the
 * dataset reader and the sparse-target study. Nothing in the service depends on it.
 */
package io.ultraline.evaluation;
