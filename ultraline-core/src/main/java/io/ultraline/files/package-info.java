/** File-system helpers shared by the packages that create temporary trees (pure Java). */
package io.ultraline.files;
