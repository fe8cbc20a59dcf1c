import Testing
import PageDecode

/// Chinese text with characters outside GB2312 (镕 堃 喆 are GBK; 䶮 and 𠮷 exist only in GB18030).
let gbkText = "<html><head><title>杨浦时报</title></head><body><p>　　朱镕基、王堃与陈喆在五角场镇“共联共建”。</p></body></html>"
let gb18030OnlyText = gbkText + "<p>䶮与𠮷是GB18030四字节字符。</p>"

@Suite struct RoundTripTests {
    let decoder = BlobDecoder()

    @Test(arguments: BlobCompression.allCases, PageCharset.allCases)
    func roundTripsEveryCompressionAndCharset(compression: BlobCompression, charset: PageCharset) throws {
        let text = charset == .gbk ? gbkText : gb18030OnlyText
        let encoded = try BlobEncoder.encode(text, as: charset)
        let blob = BlobEncoder.compress(encoded, as: compression)
        // Raw deflate has no header: only the hint makes it recognisable.
        let hints = BlobHints(
            contentEncoding: compression == .deflate ? "deflate" : nil,
            contentType: charset == .gbk ? "text/html; charset=GB2312" : nil)
        let page = try decoder.decode(blob, hints: hints)
        #expect(page.text == text)
        #expect(page.compression == compression)
        #expect(page.charset == charset)
        #expect(page.inflatedBytes == encoded.count)
    }

    @Test func gbkEncodingIsNotUTF8AndRejectsExtensionCharacters() throws {
        let bytes = try BlobEncoder.encode("朱镕基", as: .gbk)
        #expect(bytes == [0xD6, 0xEC, 0xE9, 0x46, 0xBB, 0xF9])
        #expect(throws: DecodeError.self) { try BlobEncoder.encode("䶮", as: .gbk) }
        let error = try #require(throws: DecodeError.self) { try BlobEncoder.encode("a䶮", as: .gbk) }
        #expect(error.reason == .unsupportedEncoding)
        #expect(error.description.contains("䶮"))
    }

    @Test func undeclaredGBKIsDetectedAsGB18030() throws {
        let blob = BlobEncoder.compress(try BlobEncoder.encode(gbkText, as: .gbk), as: .gzip)
        let page = try decoder.decode(blob)
        #expect(page.text == gbkText)
        #expect(page.charset == .gb18030)
    }

    @Test func metaDeclarationIsRead() throws {
        let html = "<HTML><HEAD><META http-equiv=Content-Type content=\"text/html; charset=gb2312\"></HEAD><BODY>镕</BODY></HTML>"
        let page = try decoder.decode(try BlobEncoder.encode(html, as: .gbk))
        #expect(page.text == html)
        #expect(page.charset == .gbk)
        let html5 = "<html><head><meta charset='GBK'></head><body>堃</body></html>"
        #expect(try decoder.decode(try BlobEncoder.encode(html5, as: .gbk)).charset == .gbk)
    }

    @Test func metaDeclarationsPastTheScanWindowAreNotRead() throws {
        let late = String(repeating: " ", count: 4096) + "<meta charset=gbk><p>镕</p>"
        let page = try decoder.decode(try BlobEncoder.encode(late, as: .gbk))
        #expect(page.text == late)
        #expect(page.charset == .gb18030, "detected, not declared")
    }

    @Test func mislabelledUTF8IsDecodedAsUTF8() throws {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>五角场镇召开区域化党建联席会</body></html>"
        let page = try decoder.decode(Array(html.utf8), hints: BlobHints(contentType: "text/html; charset=gbk"))
        #expect(page.text == html)
        #expect(page.charset == .utf8)
    }

    @Test func gbkLabelledUTF8FallsBackToGB18030() throws {
        let html = "<html><head><meta charset=\"utf-8\"></head><body>五角场镇召开区域化党建联席会，陈喆发言</body></html>"
        let page = try decoder.decode(try BlobEncoder.encode(html, as: .gbk), hints: BlobHints(contentType: "text/html; charset=utf-8"))
        #expect(page.text == html)
        #expect(page.charset == .gb18030)
    }

    @Test func byteOrderMarksAreHonouredAndStripped() throws {
        let page = try decoder.decode([0xEF, 0xBB, 0xBF] + Array("镕".utf8))
        #expect(page.text == "镕")
        let gb = try decoder.decode([0x84, 0x31, 0x95, 0x33] + (try BlobEncoder.encode("堃", as: .gb18030)))
        #expect(gb.text == "堃")
        #expect(gb.charset == .gb18030)
        let utf16 = try #require(throws: DecodeError.self) { try decoder.decode([0xFF, 0xFE, 0x3C, 0x00]) }
        #expect(utf16.reason == .unsupportedEncoding)
    }

    @Test func unknownDeclaredCharsetThatIsNotDecodableIsUnsupported() throws {
        let blob: [UInt8] = Array("<meta charset=big5>".utf8) + [0xFF, 0xFF, 0x80, 0x80]
        let error = try #require(throws: DecodeError.self) { try decoder.decode(blob) }
        #expect(error.reason == .unsupportedEncoding)
        #expect(error.description.contains("big5"))
    }
}
