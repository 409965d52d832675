/**
 * Pictures a person can read: frames with ULTra concept segments coloured and outlined, relevance
 * or score heatmaps blended over them, and legends. Pure java.awt, headless.
 */
package io.ultraline.ultra.render;
